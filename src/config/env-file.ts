// ENV files: the repo's `ENV` and `envs/<app>/ENV`. docs/env.md lists the rules with one example
// each. piku reads the same files, so a plain `KEY=value` line means what it means in piku.
import { PIKU_ERR_ENV_KEY_INVALID, PIKU_ERR_ENV_LINE_NO_EQUALS } from '../errors/codes.js';

/** A valid variable name, as POSIX shells accept it: "DATABASE_URL", "_PRIVATE". */
export const ENV_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface EnvFileOptions {
  /** Name of the file in error messages, e.g. "envs/blog/ENV". */
  source: string;
  /** Variables that `$VAR` may refer to, besides the keys defined earlier in the file. */
  inherited?: Record<string, string>;
}

// Parses one ENV file and returns only the keys it defines, with `$VAR` references expanded.
export function parseEnvFile(text: string, { source, inherited = {} }: EnvFileOptions): Record<string, string> {
  const known = new Map(Object.entries(inherited));
  const defined = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

  lines.forEach((rawLine, index) => {
    const assignment = parseAssignment(rawLine, source, index + 1);
    if (assignment === undefined) {
      return;
    }

    const value = getValue(assignment.rawValue, known);
    known.set(assignment.key, value);
    defined.set(assignment.key, value);
  });

  // Object.fromEntries defines own properties, so a key named "__proto__" stays an ordinary key.
  return Object.fromEntries(defined);
}

// Merges environment layers, lowest precedence first: mergeEnv([defaults, repoEnv, appEnv]).
export function mergeEnv(layers: Record<string, string>[]): Record<string, string> {
  return Object.fromEntries(layers.flatMap((layer) => Object.entries(layer)));
}

// Returns undefined for a blank or comment line. "export KEY=v" -> KEY and "v".
function parseAssignment(rawLine: string, source: string, line: number): { key: string; rawValue: string } | undefined {
  const trimmed = rawLine.trim();
  if (trimmed === '' || trimmed.startsWith('#')) {
    return undefined;
  }

  // "export = 1" keeps its key "export": the prefix is only stripped when a key follows it.
  const statement = trimmed.replace(/^export\s+(?=[^\s=])/, '');
  const equals = statement.indexOf('=');
  if (equals === -1) {
    throw PIKU_ERR_ENV_LINE_NO_EQUALS(source, line);
  }

  const key = statement.slice(0, equals).trim();
  if (!ENV_KEY_PATTERN.test(key)) {
    throw PIKU_ERR_ENV_KEY_INVALID(source, line, key);
  }

  return { key, rawValue: statement.slice(equals + 1).trim() };
}

// Single quotes keep the text literal, double quotes and bare values are expanded. With B=2:
// 'a $B' -> a $B, "a $B" -> a 2, a $B -> a 2.
function getValue(rawValue: string, known: Map<string, string>): string {
  if (isWrappedIn(rawValue, "'")) {
    return rawValue.slice(1, -1);
  }
  if (isWrappedIn(rawValue, '"')) {
    return expandReferences(rawValue.slice(1, -1), known);
  }

  return expandReferences(rawValue, known);
}

function isWrappedIn(value: string, quote: string): boolean {
  return value.length >= 2 && value.startsWith(quote) && value.endsWith(quote);
}

// One pass, so an expanded value is never expanded again: "\$HOME" -> $HOME, "$NOPE" -> $NOPE.
function expandReferences(text: string, known: Map<string, string>): string {
  const reference = /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

  return text.replace(reference, (match: string, braced?: string, bare?: string) => {
    const name = braced ?? bare;
    if (name === undefined) {
      return '$';
    }

    return known.get(name) ?? match;
  });
}
