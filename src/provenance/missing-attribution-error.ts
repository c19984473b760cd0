// The one error of fail-closed publishing: it names every field an editor must fill before the article can go out.
export class MissingAttributionError extends Error {
  readonly missing: string[];

  constructor(missing: string[]) {
    super(`cannot publish: missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    this.name = 'MissingAttributionError';
    this.missing = missing;
  }
}
