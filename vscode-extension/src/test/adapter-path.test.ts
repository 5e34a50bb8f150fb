import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adapterArgs, findAdapter, isExecutableFile } from '../adapter-path';

// A fake file system: the set of paths that are executable.
function only(...executables: string[]) {
  const set = new Set(executables);
  return (file: string) => set.has(file);
}

const EXT = '/ext';
const BUNDLED = '/ext/bin/int3-dap';
const PATH_ENV = ['/usr/local/bin', '/usr/bin'].join(path.delimiter);

describe('findAdapter search order', () => {
  const everywhere = only('/cfg/int3-dap', '/set/int3-dap', BUNDLED, '/usr/bin/int3-dap');

  it('prefers the launch configuration adapterPath', () => {
    const r = findAdapter({
      configPath: '/cfg/int3-dap',
      settingPath: '/set/int3-dap',
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: everywhere,
    });
    assert.deepStrictEqual(r, {
      found: true,
      path: '/cfg/int3-dap',
      source: 'launch configuration',
    });
  });

  it('then the int3.adapterPath setting', () => {
    const r = findAdapter({
      settingPath: '/set/int3-dap',
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: everywhere,
    });
    assert.deepStrictEqual(r, { found: true, path: '/set/int3-dap', source: 'setting' });
  });

  it('then the adapter bundled in <extension>/bin', () => {
    const r = findAdapter({ extensionPath: EXT, pathEnv: PATH_ENV, isExecutable: everywhere });
    assert.deepStrictEqual(r, { found: true, path: BUNDLED, source: 'bundled' });
  });

  it('then int3-dap on PATH, in PATH order', () => {
    const r = findAdapter({
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: only('/usr/bin/int3-dap'),
    });
    assert.deepStrictEqual(r, { found: true, path: '/usr/bin/int3-dap', source: 'PATH' });
    const first = findAdapter({
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: only('/usr/local/bin/int3-dap', '/usr/bin/int3-dap'),
    });
    assert.strictEqual(first.found && first.path, '/usr/local/bin/int3-dap');
  });

  it('treats empty or blank explicit paths as unset', () => {
    const r = findAdapter({
      configPath: '',
      settingPath: '   ',
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: everywhere,
    });
    assert.strictEqual(r.found && r.source, 'bundled');
  });

  it('reports a broken explicit path instead of falling back', () => {
    const r = findAdapter({
      settingPath: '/nowhere/int3-dap',
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: everywhere,
    });
    assert.strictEqual(r.found, false);
    assert.ok(!r.found && r.reason.includes('int3.adapterPath'), JSON.stringify(r));
    assert.ok(!r.found && r.reason.includes('/nowhere/int3-dap'));
    assert.deepStrictEqual(!r.found && r.tried, ['/nowhere/int3-dap']);
  });

  it('looks a bare command name up on PATH', () => {
    const r = findAdapter({
      configPath: 'int3-dap-dev',
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: only('/usr/bin/int3-dap-dev', BUNDLED),
    });
    assert.deepStrictEqual(r, {
      found: true,
      path: '/usr/bin/int3-dap-dev',
      source: 'launch configuration',
    });
  });

  it('resolves a relative explicit path against the workspace folder', () => {
    const r = findAdapter({
      configPath: 'build/int3-dap',
      baseDir: '/work',
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: only('/work/build/int3-dap'),
    });
    assert.strictEqual(r.found && r.path, '/work/build/int3-dap');
  });

  it('expands ~ in explicit paths', () => {
    const home = path.join(os.homedir(), 'bin', 'int3-dap');
    const r = findAdapter({
      settingPath: '~/bin/int3-dap',
      extensionPath: EXT,
      pathEnv: PATH_ENV,
      isExecutable: only(home),
    });
    assert.strictEqual(r.found && r.path, home);
  });

  it('lists every place it looked when nothing is found', () => {
    const r = findAdapter({ extensionPath: EXT, pathEnv: PATH_ENV, isExecutable: only() });
    assert.strictEqual(r.found, false);
    assert.deepStrictEqual(!r.found && r.tried, [
      BUNDLED,
      '/usr/local/bin/int3-dap',
      '/usr/bin/int3-dap',
    ]);
    assert.ok(!r.found && r.reason.includes('int3.adapterPath'));
  });
});

describe('isExecutableFile', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'int3-adapter-path-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts an executable regular file only', () => {
    const exe = path.join(dir, 'exe');
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(plain, '', { mode: 0o644 });
    assert.strictEqual(isExecutableFile(exe), true);
    assert.strictEqual(isExecutableFile(dir), false, 'a directory is not an adapter');
    assert.strictEqual(isExecutableFile(path.join(dir, 'missing')), false);
    assert.strictEqual(isExecutableFile(path.join(exe, 'below-a-file')), false);
    // root may execute any file with an x bit, but this one has none at all.
    assert.strictEqual(isExecutableFile(plain), false);
  });

  it('finds a real executable through the default PATH search', () => {
    const exe = path.join(dir, 'int3-dap');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    const r = findAdapter({
      extensionPath: '/nonexistent',
      pathEnv: `/nonexistent${path.delimiter}${dir}`,
    });
    assert.deepStrictEqual(r, { found: true, path: exe, source: 'PATH' });
  });
});

describe('adapterArgs', () => {
  it('passes --log-file only when a log file is set', () => {
    assert.deepStrictEqual(adapterArgs(undefined), []);
    assert.deepStrictEqual(adapterArgs(''), []);
    assert.deepStrictEqual(adapterArgs('/tmp/int3.log'), ['--log-file', '/tmp/int3.log']);
  });
});
