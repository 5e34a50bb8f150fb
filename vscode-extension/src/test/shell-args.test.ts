import * as assert from 'assert';
import { splitArgs } from '../shell-args';

describe('splitArgs', () => {
  const cases: Array<[string, string[]]> = [
    ['', []],
    ['   ', []],
    ['3', ['3']],
    ['  a   b\tc ', ['a', 'b', 'c']],
    [`'a b' "c d"`, ['a b', 'c d']],
    [`x'y z'w`, ['xy zw']],
    [`''`, ['']],
    [`"say \\"hi\\""`, ['say "hi"']],
    [`"keep \\n"`, ['keep \\n']],
    [`'no \\ escapes'`, ['no \\ escapes']],
    [`a\\ b`, ['a b']],
    ['$HOME *', ['$HOME', '*']],
  ];
  for (const [line, args] of cases) {
    it(`splits ${JSON.stringify(line)}`, () => {
      assert.deepStrictEqual(splitArgs(line), { args });
    });
  }

  it('reports an unterminated quote', () => {
    const r = splitArgs(`a "b`);
    assert.ok('error' in r && r.error.includes('unterminated'), JSON.stringify(r));
  });

  it('reports a trailing backslash', () => {
    const r = splitArgs('a \\');
    assert.ok('error' in r && r.error.includes('backslash'), JSON.stringify(r));
  });
});
