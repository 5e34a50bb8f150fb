import * as assert from 'assert';
import {
  DebugConfig,
  PICK_PROCESS,
  defaultLaunchConfig,
  dynamicLaunchConfigs,
  normalizeConfig,
  resolveConfig,
} from '../debug-config';

const C_FILE = { languageId: 'c', fileName: '/src/hello.c' };
const CPP_FILE = { languageId: 'cpp', fileName: '/src/app/main.cpp' };
const MARKDOWN = { languageId: 'markdown', fileName: '/src/README.md' };

function config(r: ReturnType<typeof resolveConfig>): DebugConfig {
  assert.ok('config' in r, `expected a configuration, got ${JSON.stringify(r)}`);
  return r.config;
}
function error(r: ReturnType<typeof resolveConfig>): { error: string; openConfig?: boolean } {
  assert.ok('error' in r, `expected an error, got ${JSON.stringify(r)}`);
  return r;
}

describe('resolveConfig (before variable substitution)', () => {
  it('offers the active C/C++ file executable when there is no launch.json', () => {
    for (const file of [C_FILE, CPP_FILE]) {
      const c = config(resolveConfig({}, file));
      assert.deepStrictEqual(c, defaultLaunchConfig());
      assert.strictEqual(c.program, '${fileDirname}/${fileBasenameNoExtension}');
      assert.strictEqual(c.type, 'int3');
      assert.strictEqual(c.request, 'launch');
      assert.ok(c.name);
    }
  });

  it('refuses an empty configuration when no C/C++ file is active', () => {
    for (const file of [MARKDOWN, undefined]) {
      const e = error(resolveConfig({}, file));
      assert.match(e.error, /launch configuration/);
      assert.ok(!e.openConfig, 'there is no launch.json to open');
    }
  });

  it('keeps noDebug (Ctrl+F5 without launch.json) on the default configuration', () => {
    assert.deepStrictEqual(config(resolveConfig({ noDebug: true }, C_FILE)), {
      ...defaultLaunchConfig(),
      noDebug: true,
    });
  });

  it('fills type, request and name', () => {
    const c = config(resolveConfig({ name: 'mine', program: '/bin/true' }, undefined));
    assert.strictEqual(c.type, 'int3');
    assert.strictEqual(c.request, 'launch');
    assert.strictEqual(c.program, '/bin/true');
    assert.strictEqual(
      config(resolveConfig({ request: 'launch', program: 'p' }, undefined)).name,
      'int3: Launch',
    );
  });

  it('keeps what the user wrote', () => {
    const given = {
      type: 'int3',
      request: 'launch',
      name: 'mine',
      program: 'p',
      stopOnEntry: true,
    };
    assert.deepStrictEqual(config(resolveConfig(given, C_FILE)), given);
  });

  it('refuses a launch without program, naming the configuration and opening launch.json', () => {
    for (const program of [undefined, '', '  ', 42]) {
      const e = error(
        resolveConfig({ type: 'int3', request: 'launch', name: 'Run it', program }, C_FILE),
      );
      assert.match(e.error, /"Run it" has no "program"/);
      assert.strictEqual(e.openConfig, true);
    }
  });

  it('refuses an unknown request', () => {
    const e = error(resolveConfig({ type: 'int3', request: 'trace', name: 'x' }, C_FILE));
    assert.match(e.error, /"launch" or "attach"/);
  });

  it('asks for a process when an attach names none', () => {
    const c = config(resolveConfig({ type: 'int3', request: 'attach', name: 'a' }, undefined));
    assert.strictEqual(c.pid, PICK_PROCESS);
    const withId = config(resolveConfig({ request: 'attach', processId: 12 }, undefined));
    assert.strictEqual(withId.pid, undefined);
    assert.strictEqual(withId.name, 'int3: Attach');
  });
});

describe('normalizeConfig (after variable substitution)', () => {
  const exists = (file: string) => file.startsWith('/work/');
  const launch = (extra: DebugConfig): DebugConfig => ({
    type: 'int3',
    request: 'launch',
    name: 'n',
    program: '/work/a.out',
    ...extra,
  });

  it('splits a one-string args like a shell', () => {
    const c = config(normalizeConfig(launch({ args: `3 "two words"` }), { exists }));
    assert.deepStrictEqual(c.args, ['3', 'two words']);
  });

  it('keeps array args and rejects mixed ones', () => {
    assert.deepStrictEqual(config(normalizeConfig(launch({ args: ['a', 'b'] }), { exists })).args, [
      'a',
      'b',
    ]);
    assert.match(error(normalizeConfig(launch({ args: ['a', 1] }), { exists })).error, /"args"/);
    assert.match(
      error(normalizeConfig(launch({ args: `"open` }), { exists })).error,
      /unterminated/,
    );
  });

  it('makes relative program and cwd absolute against the workspace folder', () => {
    const c = config(
      normalizeConfig(launch({ program: 'build/app', cwd: '.' }), { baseDir: '/work', exists }),
    );
    assert.strictEqual(c.program, '/work/build/app');
    assert.strictEqual(c.cwd, '/work');
  });

  it('fills a missing cwd with the workspace folder, else the program directory', () => {
    assert.strictEqual(
      config(normalizeConfig(launch({}), { baseDir: '/work/ws', exists })).cwd,
      '/work/ws',
    );
    assert.strictEqual(config(normalizeConfig(launch({}), { exists })).cwd, '/work');
    assert.strictEqual(config(normalizeConfig(launch({ cwd: '/tmp' }), { exists })).cwd, '/tmp');
  });

  it('refuses a program that does not exist', () => {
    const e = error(normalizeConfig(launch({ program: '/elsewhere/app' }), { exists }));
    assert.match(e.error, /\/elsewhere\/app does not exist/);
    assert.strictEqual(e.openConfig, true);
  });

  it('checks env values', () => {
    assert.ok('config' in normalizeConfig(launch({ env: { A: '1', B: '' } }), { exists }));
    // null unsets a variable; a list of NAME=VALUE strings is accepted as int3-dap accepts it.
    assert.ok('config' in normalizeConfig(launch({ env: { A: null } }), { exists }));
    assert.ok('config' in normalizeConfig(launch({ env: ['A=1'] }), { exists }));
    assert.ok('config' in normalizeConfig(launch({ env: [] }), { exists }));
    assert.match(error(normalizeConfig(launch({ env: { A: 1 } }), { exists })).error, /"env"/);
    assert.match(error(normalizeConfig(launch({ env: ['A'] }), { exists })).error, /"env"/);
  });

  it('turns a picked pid string or processId into a numeric pid', () => {
    const attach = (extra: DebugConfig) => ({
      type: 'int3',
      request: 'attach',
      name: 'a',
      ...extra,
    });
    assert.strictEqual(config(normalizeConfig(attach({ pid: '4242' }))).pid, 4242);
    const fromAlias = config(normalizeConfig(attach({ processId: 17 })));
    assert.strictEqual(fromAlias.pid, 17);
    assert.ok(!('processId' in fromAlias));
    for (const bad of ['abc', '', 0, -3, 1.5, undefined]) {
      assert.match(
        error(normalizeConfig(attach({ pid: bad }))).error,
        /"pid" must be a process id/,
      );
    }
  });
});

describe('dynamicLaunchConfigs', () => {
  it('offers the active source file executable with concrete paths', () => {
    assert.deepStrictEqual(dynamicLaunchConfigs(CPP_FILE), [
      {
        type: 'int3',
        request: 'launch',
        name: 'int3: Launch main',
        program: '/src/app/main',
        args: [],
        cwd: '/src/app',
        stopOnEntry: false,
      },
    ]);
  });

  it('offers nothing for other files', () => {
    assert.deepStrictEqual(dynamicLaunchConfigs(MARKDOWN), []);
    assert.deepStrictEqual(dynamicLaunchConfigs(undefined), []);
  });
});
