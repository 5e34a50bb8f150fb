import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listProcesses } from '../process-list';

describe('listProcesses', () => {
  it('lists this node process with the name and command line ps reports', () => {
    const me = listProcesses().find((p) => p.pid === process.pid);
    assert.ok(me, `pid ${process.pid} missing from the list`);
    // ps reads /proc too, but through procps: an independent reading of the same facts.
    const ps = (field: string) =>
      execFileSync('ps', ['-o', `${field}=`, '-p', String(process.pid)], {
        encoding: 'utf8',
      }).trim();
    assert.strictEqual(me.name, ps('comm'));
    assert.strictEqual(me.commandLine, ps('args'));
    assert.ok(me.commandLine.includes('mocha'), me.commandLine);
  });

  it('puts the newest processes first', () => {
    const pids = listProcesses().map((p) => p.pid);
    assert.deepStrictEqual(
      pids,
      [...pids].sort((a, b) => b - a),
    );
  });

  describe('on a fake /proc', () => {
    let root: string;
    before(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'int3-proc-'));
      const add = (pid: string, files: Record<string, string>) => {
        fs.mkdirSync(path.join(root, pid));
        for (const [name, text] of Object.entries(files)) {
          fs.writeFileSync(path.join(root, pid, name), text);
        }
      };
      add('7', { comm: 'loop\n', cmdline: './loop\0--count\0a b\0' });
      add('2', { comm: 'kthreadd\n', cmdline: '' }); // kernel thread
      add('9', { comm: 'gone\n' }); // exited between readdir and read
      add('self', { comm: 'x\n', cmdline: 'x\0' });
      fs.writeFileSync(path.join(root, 'uptime'), '1.0 1.0\n');
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it('keeps user processes, skips kernel threads, vanished pids and non-pid entries', () => {
      assert.deepStrictEqual(listProcesses(root), [
        { pid: 7, name: 'loop', commandLine: './loop --count a b' },
      ]);
    });
  });
});
