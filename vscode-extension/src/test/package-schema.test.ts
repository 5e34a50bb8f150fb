// package.json is the schema VS Code validates launch.json against; it must stay in step with
// what the adapter accepts (test/adapter-launch-keys.json) and with the extension's own code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultLaunchConfig, dynamicLaunchConfigs } from '../debug-config';
import { configFromSnippet } from './support/snippets';
import { EXTENSION_ROOT, int3Debugger, readPackageJson } from './support/paths';

interface AdapterKeys {
  launch: string[];
  attach: string[];
  consumedByExtension: string[];
}

const ENVELOPE_KEYS = ['type', 'request', 'name'];

function adapterKeys(): AdapterKeys {
  return JSON.parse(
    fs.readFileSync(path.join(EXTENSION_ROOT, 'test', 'adapter-launch-keys.json'), 'utf8'),
  );
}

function declared(request: 'launch' | 'attach'): string[] {
  return Object.keys(int3Debugger().configurationAttributes[request].properties).sort();
}

function assertDeclared(
  request: 'launch' | 'attach',
  config: Record<string, unknown>,
  what: string,
) {
  const allowed = new Set([...ENVELOPE_KEYS, ...declared(request)]);
  const extra = Object.keys(config).filter((k) => !allowed.has(k));
  assert.deepStrictEqual(extra, [], `${what} uses keys the ${request} schema does not declare`);
}

describe('package.json debugger schema', () => {
  it('declares exactly the launch keys listed in test/adapter-launch-keys.json', () => {
    assert.deepStrictEqual(declared('launch'), [...adapterKeys().launch].sort());
  });

  it('declares exactly the attach keys listed in test/adapter-launch-keys.json', () => {
    assert.deepStrictEqual(declared('attach'), [...adapterKeys().attach].sort());
  });

  it('lists extension-consumed keys that are also declared', () => {
    const all = new Set([...declared('launch'), ...declared('attach')]);
    for (const key of adapterKeys().consumedByExtension) {
      assert.ok(all.has(key), key);
    }
  });

  it('requires program and declares the launch attributes the brief names', () => {
    const launch = int3Debugger().configurationAttributes.launch;
    assert.deepStrictEqual(launch.required, ['program']);
    for (const key of ['program', 'args', 'cwd', 'env', 'stopOnEntry', 'logFile']) {
      assert.ok(key in launch.properties, key);
    }
    assert.deepStrictEqual(launch.properties.args.type, ['array', 'string']);
  });

  it('defaults attach pid to the process picker, which is wired to the command', () => {
    const dbg = int3Debugger();
    assert.strictEqual(
      dbg.configurationAttributes.attach.properties.pid.default,
      '${command:pickProcess}',
    );
    assert.deepStrictEqual(dbg.variables, { pickProcess: 'int3.pickProcess' });
    const pkg = readPackageJson();
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'int3.pickProcess'));
    assert.ok(pkg.activationEvents.includes('onCommand:int3.pickProcess'));
  });

  it('gives every attribute a description and a default', () => {
    for (const request of ['launch', 'attach'] as const) {
      for (const [key, prop] of Object.entries(
        int3Debugger().configurationAttributes[request].properties,
      )) {
        const p = prop as { description?: string; default?: unknown };
        assert.ok(p.description, `${request}.${key} has no description`);
        assert.ok('default' in p, `${request}.${key} has no default`);
      }
    }
  });

  it('uses only declared keys in initialConfigurations, snippets and generated configs', () => {
    const dbg = int3Debugger();
    for (const c of dbg.initialConfigurations) {
      assertDeclared(c.request as 'launch', c, 'initialConfigurations');
    }
    const launchSnippet = dbg.configurationSnippets.find((s) => s.body.request === 'launch');
    const attachSnippet = dbg.configurationSnippets.find((s) => s.body.request === 'attach');
    assert.ok(launchSnippet && attachSnippet, 'need a launch and an attach snippet');
    assertDeclared(
      'launch',
      configFromSnippet(launchSnippet.body, {}, { workspaceFolder: '/w' }),
      'the launch snippet',
    );
    assertDeclared('attach', attachSnippet.body, 'the attach snippet');
    assertDeclared('launch', defaultLaunchConfig(), 'defaultLaunchConfig()');
    for (const c of dynamicLaunchConfigs({ languageId: 'c', fileName: '/x/y.c' })) {
      assertDeclared('launch', c, 'dynamicLaunchConfigs()');
    }
  });

  it('expands the launch snippet to a configuration of the int3 type', () => {
    const snippet = int3Debugger().configurationSnippets.find((s) => s.body.request === 'launch')!;
    const c = configFromSnippet(snippet.body, { 2: 'prog' }, { workspaceFolder: '/w' });
    assert.deepStrictEqual(c, {
      type: 'int3',
      request: 'launch',
      name: 'int3: Launch',
      program: '/w/prog',
      args: [],
      cwd: '/w',
      stopOnEntry: false,
    });
  });

  it('contributes breakpoints for C and C++ and the two settings', () => {
    const pkg = readPackageJson();
    assert.deepStrictEqual(pkg.contributes.breakpoints.map((b) => b.language).sort(), ['c', 'cpp']);
    assert.deepStrictEqual(Object.keys(pkg.contributes.configuration.properties).sort(), [
      'int3.adapterPath',
      'int3.logFile',
    ]);
  });

  it('pins @types/vscode to the oldest VS Code it claims to support', () => {
    const pkg = readPackageJson();
    const engine = pkg.engines.vscode.replace(/^\^/, '');
    assert.strictEqual(pkg.devDependencies['@types/vscode'], engine);
    assert.strictEqual(pkg.main, './out/extension.js');
    assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, 'out', 'extension.js')));
  });
});
