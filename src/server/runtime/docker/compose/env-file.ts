/**
 * The `.env` file beside docker-compose.yml, read as Docker Compose reads it for `${VAR}` interpolation:
 * `KEY=VALUE` lines, `#` comments and blank lines skipped, an optional `export ` prefix, values in single
 * quotes taken literally, in double quotes with `\n`, `\t`, `\"` and `\\` unescaped, unquoted ones up to an
 * inline ` #` comment and trimmed. Variables of the environment win over the file's (as with Compose).
 */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match;
    values[key] = valueOf(rest);
  }
  return values;
}

function valueOf(rest: string): string {
  if (rest.startsWith("'")) {
    const end = rest.indexOf("'", 1);
    return end === -1 ? rest.slice(1) : rest.slice(1, end);
  }
  if (rest.startsWith('"')) {
    let value = '';
    for (let i = 1; i < rest.length; i++) {
      const char = rest[i];
      if (char === '"') break;
      if (char === '\\' && i + 1 < rest.length) {
        const next = rest[++i];
        value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      } else value += char;
    }
    return value;
  }
  const comment = rest.search(/\s#/);
  return (comment === -1 ? rest : rest.slice(0, comment)).trim();
}

/** The variables for interpolation: the `.env` file's, overridden by the environment's. */
export function interpolationEnv(envFileText: string | undefined, env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...(envFileText === undefined ? {} : parseEnvFile(envFileText)), ...Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) };
}
