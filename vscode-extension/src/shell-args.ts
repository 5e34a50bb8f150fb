// Splits a one-string `args` into argv the way a POSIX shell tokenises words, without any
// expansion: the program gets exactly what the user would get typing the line in bash.
// Pure: no `vscode` import.

export type SplitResult = { args: string[] } | { error: string };

// Inside double quotes a backslash escapes only these (POSIX "Double-Quotes").
const DOUBLE_QUOTE_ESCAPABLE = new Set(['"', '\\', '$', '`', '\n']);

export function splitArgs(line: string): SplitResult {
  const args: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") {
        quote = undefined;
      } else {
        word += c;
      }
    } else if (quote === '"') {
      if (c === '"') {
        quote = undefined;
      } else if (c === '\\' && i + 1 < line.length && DOUBLE_QUOTE_ESCAPABLE.has(line[i + 1])) {
        word += line[++i];
      } else {
        word += c;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) {
        return { error: `args: trailing backslash in ${JSON.stringify(line)}` };
      }
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) {
        args.push(word);
        word = '';
        inWord = false;
      }
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    return { error: `args: unterminated ${quote} quote in ${JSON.stringify(line)}` };
  }
  if (inWord) {
    args.push(word);
  }
  return { args };
}
