// Turns a package.json configurationSnippet body into the configuration VS Code would insert,
// then substitutes variables: what a user gets by picking the snippet and pressing Tab through.

/** Expands TextMate snippet syntax: `${N:default}`, `${N}`, `$N`, and `\` escapes. */
export function expandSnippet(text: string, fills: Record<number, string> = {}): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
      out += text[++i];
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = text.slice(i);
    const placeholder = /^\$\{([0-9]+)(?::([^}]*))?\}/.exec(rest) ?? /^\$([0-9]+)/.exec(rest);
    if (placeholder === null) {
      out += c;
      continue;
    }
    const index = Number(placeholder[1]);
    out += fills[index] ?? placeholder[2] ?? '';
    i += placeholder[0].length - 1;
  }
  return out;
}

// A string value starting with ^ is raw JSON text to insert (VS Code's configurationSnippets
// convention for values that must keep ${variable} syntax).
function snippetValue(value: unknown, fills: Record<number, string>): unknown {
  if (typeof value === 'string') {
    const jsonText = value.startsWith('^') ? value.slice(1) : JSON.stringify(value);
    return JSON.parse(expandSnippet(jsonText, fills));
  }
  if (Array.isArray(value)) {
    return value.map((v) => snippetValue(v, fills));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snippetValue(v, fills)]));
  }
  return value;
}

export function substituteVariables(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => variables[name] ?? whole);
  }
  if (Array.isArray(value)) {
    return value.map((v) => substituteVariables(v, variables));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteVariables(v, variables)]),
    );
  }
  return value;
}

export function configFromSnippet(
  body: Record<string, unknown>,
  fills: Record<number, string>,
  variables: Record<string, string>,
): Record<string, unknown> {
  const config = substituteVariables(snippetValue(body, fills), variables) as Record<
    string,
    unknown
  >;
  const unresolved = JSON.stringify(config).match(/\$\{[^}]+\}/g);
  if (unresolved !== null) {
    throw new Error(`snippet leaves unresolved variables ${unresolved.join(', ')}`);
  }
  return config;
}
