// Edits the text of envs/<app>/ENV for config:set and config:unset. Values are written raw, never
// expanded, in a form that parseEnvFile reads back as exactly the value given. Every other line,
// comments and blank lines included, stays as it was.

/** Values written without quotes: no character in them is special to parseEnvFile or to a shell. */
const BARE_VALUE = /^[A-Za-z0-9_@%+=:,./-]*$/;

// Sets keys in ENV text. A key's first line is replaced in place and its later lines are removed,
// so that no later line overrides the new value. Keys the text lacks are appended in the given order.
export function setEnvKeys(text: string, values: ReadonlyMap<string, string>): string {
  const { lines, eol } = splitEnvText(text);
  const written = new Set<string>();
  const edited = lines.flatMap((line) => {
    const key = getLineKey(line);
    if (key === undefined || !values.has(key)) return [line];
    if (written.has(key)) return [];

    written.add(key);

    return [formatEnvLine(key, values.get(key)!)];
  });

  for (const [key, value] of values) {
    if (!written.has(key)) edited.push(formatEnvLine(key, value));
  }

  return joinEnvText(edited, eol);
}

// Removes every line that defines one of the keys.
export function unsetEnvKeys(text: string, keys: ReadonlySet<string>): string {
  const { lines, eol } = splitEnvText(text);
  const remaining = lines.filter((line) => {
    const key = getLineKey(line);

    return key === undefined || !keys.has(key);
  });

  return joinEnvText(remaining, eol);
}

// Renders one assignment, e.g. ("GREETING", "hello all") -> GREETING='hello all'.
export function formatEnvLine(key: string, value: string): string {
  return `${key}=${formatEnvValue(value)}`;
}

// Quotes a single-line value so that parseEnvFile returns it unchanged:
//   abc       -> abc          (bare: nothing to quote)
//   $HOME #x  -> '$HOME #x'   (single quotes: literal, no expansion)
//   it's $5   -> "it's \$5"   (double quotes, each "$" escaped, when the value has a single quote)
// parseEnvFile unwraps quotes by the first and last character only, so inner quotes need no escape.
export function formatEnvValue(value: string): string {
  if (BARE_VALUE.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;

  return `"${value.replaceAll('$', '\\$')}"`;
}

// The key a line assigns, by parseEnvFile's rules, or undefined for a blank, comment or malformed
// line: "  export  A = 1" -> "A", "# A=1" -> undefined.
function getLineKey(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;

  const statement = trimmed.replace(/^export\s+(?=[^\s=])/, '');
  const equals = statement.indexOf('=');

  return equals === -1 ? undefined : statement.slice(0, equals).trim();
}

// A file written on Windows keeps its CRLF line ends; a missing final line end is added.
function splitEnvText(text: string): { lines: string[]; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();

  return { lines, eol };
}

function joinEnvText(lines: string[], eol: string): string {
  return lines.map((line) => `${line}${eol}`).join('');
}
