// Where the shared test data lives: `../shared/` beside the repository (CI lays it there too).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const SHARED_DIR = process.env.CONVEY_SHARED_DIR || fileURLToPath(new URL('../../../shared/', import.meta.url));

export function sharedPath(...parts: string[]): string {
  const path = join(SHARED_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`shared test data missing: ${path} (set CONVEY_SHARED_DIR)`);
  return path;
}
