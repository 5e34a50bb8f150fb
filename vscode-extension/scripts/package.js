#!/usr/bin/env node
// `npm run package`: bundles an int3-dap into bin/ when one is available ($INT3_DAP, else
// ../build/int3-dap), then runs `vsce package`. Without an adapter the package is still built
// and users set int3.adapterPath or put int3-dap on PATH. bin/ is this script's output: a stale
// adapter from an earlier run is removed rather than shipped. A bundled adapter is a Linux
// x86-64 binary, so that package is marked for that platform only.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'bin', 'int3-dap');
const explicit = process.env.INT3_DAP;
const source = path.resolve(explicit || path.join(root, '..', 'build', 'int3-dap'));

const vsceArgs = ['package', '--no-dependencies', '--allow-missing-repository', '-o', 'int3.vsix'];
if (fs.existsSync(source)) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  fs.chmodSync(target, 0o755);
  vsceArgs.push('--target', 'linux-x64');
  console.error(`package: bundling ${source}`);
} else if (explicit) {
  console.error(`package: INT3_DAP=${explicit} does not exist`);
  process.exit(1);
} else {
  fs.rmSync(target, { force: true });
  console.error(`package: no ${source}; packaging without a bundled int3-dap`);
}
execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'), vsceArgs, {
  cwd: root,
  stdio: 'inherit',
});
