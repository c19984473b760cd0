// Named points inside multi-step writes where a test can inject a failure (a crash between two statements),
// to prove that each write is one transaction: the store holds all of it or none of it, and the job is retried.

export type FaultPoint =
  | 'after-insert-article'
  | 'after-insert-version'
  | 'after-insert-snapshot'
  | 'after-publish-state'
  | 'after-story-links'
  | 'after-version-applied'
  | 'after-withdrawal-version';

export type FaultHook = (point: FaultPoint) => void | Promise<void>;

export const FAULT_POINTS: FaultPoint[] = [
  'after-insert-article',
  'after-insert-version',
  'after-insert-snapshot',
  'after-publish-state',
  'after-story-links',
  'after-version-applied',
  'after-withdrawal-version',
];

/** Calls the test hook, if any, at a named point. */
export async function faultPoint(hook: FaultHook | undefined, point: FaultPoint): Promise<void> {
  if (hook) await hook(point);
}
