#!/usr/bin/env node
// Entry point of the `convey` command. Runs the compiled CLI when `npm run build` has produced it and it is newer
// than every source file, otherwise the TypeScript sources through tsx, so a fresh clone works without a build
// step and an update of the code is never run from an older build. CONVEY_FROM_SOURCE=1 always runs the sources;
// CONVEY_REQUIRE_BUILD=1 refuses to run without an up-to-date build (a benchmark of the build, say).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');

/** Why the build cannot be run (missing, or older than a source file), or null when it can. */
function buildProblem() {
  if (!existsSync(compiled)) return 'there is no build in dist/ (npm run build makes it)';
  const built = statSync(compiled).mtimeMs;
  for (const entry of readdirSync(join(root, 'src'), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts') && statSync(join(entry.parentPath, entry.name)).mtimeMs > built) {
      return `the build in dist/ is older than src/ (${join(entry.parentPath, entry.name).slice(root.length + 1)}): run npm run build again`;
    }
  }
  return null;
}

const problem = process.env.CONVEY_FROM_SOURCE ? 'CONVEY_FROM_SOURCE is set' : buildProblem();
if (problem && process.env.CONVEY_REQUIRE_BUILD === '1') {
  console.error(`convey: ${problem}`);
  process.exit(1);
}
if (!problem) {
  await import(pathToFileURL(compiled).href);
} else {
  // A build that is there but stale is worth a word; no build at all is the normal case of a fresh clone.
  if (existsSync(compiled) && !process.env.CONVEY_FROM_SOURCE) console.error(`convey: ${problem}; running the sources instead`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
