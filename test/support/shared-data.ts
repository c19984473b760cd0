// Where the shared test data lives: `../shared/` beside the repository (CI lays it there too), or the folder
// named by CONVEY_SHARED_DIR. A clone without it still passes `npm test`: the suites that need the data are
// skipped (one notice says so, printed by test/support/global-setup.ts). CI sets CONVEY_REQUIRE_SHARED_DATA=1,
// which turns its absence into a failure, so CI never skips them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe } from 'vitest';

export const SHARED_DIR = process.env.CONVEY_SHARED_DIR || fileURLToPath(new URL('../../../shared/', import.meta.url));

export const hasSharedData = existsSync(SHARED_DIR);

export const sharedDataRequired = process.env.CONVEY_REQUIRE_SHARED_DATA === '1';

export const SHARED_DATA_MISSING = `shared test data missing: ${SHARED_DIR} (set CONVEY_SHARED_DIR)`;

/**
 * `describe` for suites that read the shared data: skipped when it is absent (reason: the data is not
 * in the repository and a user's clone has none), failing instead when CI requires it.
 */
export const describeWithSharedData = describe.skipIf(!hasSharedData && !sharedDataRequired);

export function sharedPath(...parts: string[]): string {
  const path = join(SHARED_DIR, ...parts);
  if (!existsSync(path)) throw new Error(hasSharedData ? `shared test data missing: ${path}` : SHARED_DATA_MISSING);
  return path;
}
