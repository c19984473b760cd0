#!/usr/bin/env node
// npm's `prepare` step (`npm install`, `npm ci`): compiles the project into dist/, as `npm run build` does, so
// that `convey` runs the build instead of its TypeScript sources through tsx's loader. The build starts sooner
// and ingests faster (docs/benchmarks.md). This step never fails the install: without TypeScript (an install
// that leaves out the development packages) or when the sources do not compile (a change under way), it says
// so, and `convey` runs the sources as it does without a build.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function compiler() {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

const tsc = compiler();
if (!tsc) {
  console.log('convey: TypeScript is not installed, so nothing was compiled; convey runs its sources');
} else {
  const started = Date.now();
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit', 'false'], { cwd: root, encoding: 'utf8' });
  const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim();
  if (build.status === 0) {
    console.log(`convey: compiled into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    // tsc still writes what it can: code with type errors, as tsx would run it from the sources.
    console.warn(`convey: the build reported errors (npm run build shows them again); the install goes on:\n${output || build.error?.message || `tsc exited with ${build.status}`}`);
  }
}
