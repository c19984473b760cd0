// The `convey` command's entry point (bin/convey.js) in a copy of the project's layout: it runs the build only
// when the build is newer than every source file, says so when it falls back from a stale build, and with
// CONVEY_REQUIRE_BUILD=1 refuses to run anything but an up-to-date build. Then npm's install step that makes the
// build (bin/build-on-install.js).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const project = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the convey entry point', () => {
  let root: string;
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'convey-entry-'));
    mkdirSync(join(root, 'bin'));
    copyFileSync(join(project, 'bin', 'convey.js'), join(root, 'bin', 'convey.js'));
    symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), "const from: string = 'the sources';\nconsole.log(`from ${from}`);\n");
    writeFileSync(join(root, 'src', 'cli', 'other.ts'), 'export {};\n');
    for (const file of ['main.ts', 'other.ts']) utimesSync(join(root, 'src', 'cli', file), at(10), at(10));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function build(seconds: number): void {
    mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'src', 'cli', 'main.js'), "console.log('from the build');\n");
    utimesSync(join(root, 'dist', 'src', 'cli', 'main.js'), at(seconds), at(seconds));
  }

  function run(env: Record<string, string> = {}): Promise<Run> {
    const { CONVEY_FROM_SOURCE: _source, CONVEY_REQUIRE_BUILD: _build, ...inherited } = process.env;
    return new Promise((resolve) => {
      execFile(process.execPath, [join(root, 'bin', 'convey.js')], { env: { ...inherited, ...env } }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  it('runs the sources without a build, and says nothing of it', async () => {
    const result = await run();
    expect(result).toMatchObject({ code: 0, stdout: 'from the sources\n' });
    expect(result.stderr).toBe('');
  });

  it('runs the build when it is newer than every source file', async () => {
    build(20);
    expect(await run()).toMatchObject({ code: 0, stdout: 'from the build\n', stderr: '' });
  });

  it('runs the sources, and names the newer file, when a source changed after the build', async () => {
    build(20);
    utimesSync(join(root, 'src', 'cli', 'other.ts'), at(30), at(30));
    const result = await run();
    expect(result).toMatchObject({ code: 0, stdout: 'from the sources\n' });
    expect(result.stderr).toContain('older than src/ (src/cli/other.ts)');
  });

  it('refuses a missing or stale build when told to require one, and runs the sources when told to', async () => {
    const missing = await run({ CONVEY_REQUIRE_BUILD: '1' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no build in dist/');
    build(5);
    const stale = await run({ CONVEY_REQUIRE_BUILD: '1' });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain('older than src/');
    build(20);
    expect(await run({ CONVEY_FROM_SOURCE: '1' })).toMatchObject({ code: 0, stdout: 'from the sources\n', stderr: '' });
  });
});

// npm's `prepare` step (bin/build-on-install.js), in a copy of the project's layout.
describe('the build on install', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'convey-install-'));
    mkdirSync(join(root, 'bin'));
    for (const file of ['convey.js', 'build-on-install.js']) copyFileSync(join(project, 'bin', file), join(root, 'bin', file));
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'dist', rootDir: '.', noEmit: true, types: [] },
      include: ['src/**/*.ts'],
    }));
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), "const from: string = 'the build';\nconsole.log(`from ${from}`);\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function node(script: string): Promise<Run> {
    const { CONVEY_FROM_SOURCE: _source, CONVEY_REQUIRE_BUILD: _build, ...inherited } = process.env;
    return new Promise((resolve) => {
      execFile(process.execPath, [join(root, 'bin', script)], { env: inherited }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  it('compiles the sources into dist/, which the entry point then runs', async () => {
    symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'));
    const install = await node('build-on-install.js');
    expect(install).toMatchObject({ code: 0, stderr: '' });
    expect(install.stdout).toMatch(/^convey: compiled into dist\/ in \d+\.\d s\n$/);
    expect(existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))).toBe(true);
    expect(await node('convey.js')).toMatchObject({ code: 0, stdout: 'from the build\n', stderr: '' });
  });

  it('lets the install go on when the sources do not compile, and shows the errors', async () => {
    symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), "const from: number = 'the build';\nconsole.log(`from ${from}`);\n");
    const install = await node('build-on-install.js');
    expect(install.code).toBe(0);
    expect(install.stderr).toContain('the build reported errors');
    expect(install.stderr).toContain("Type 'string' is not assignable to type 'number'");
  });

  it('compiles nothing, and says so, where TypeScript is not installed', async () => {
    const install = await node('build-on-install.js');
    expect(install).toMatchObject({ code: 0, stderr: '' });
    expect(install.stdout).toContain('TypeScript is not installed');
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });
});
