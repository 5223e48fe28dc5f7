// How a literal value is written into a uwsgi ini file. uwsgi 2.0.21 rewrites ini text in three
// places, found by reading core/utils.c and core/uwsgi.c and checked with `uwsgi --show-config`:
// 1. Before parsing, the whole file goes through the magic table: "%%" -> "%", "%d" -> the
//    config's directory, an unknown "%X" -> "" (a "%" at the end of a line eats the newline).
// 2. Each line is split at the first "=", and spaces, tabs and CR around the value are dropped.
// 3. After parsing, three passes rewrite "SYMBOL(key)" in every value: "$(VAR)" with getenv,
//    "@(file)" with the file's contents ("@(exec://cmd)" runs cmd), then "%(name)" with the
//    option or placeholder of that name. The "%" pass rescans each value after every rewrite.
// The placeholders below, set at the top of every ini template, let a value keep "$(" and "@(":
// the "%" pass runs last, so "%(piku-dollar)(" becomes "$(" after the "$" pass has gone.
import { PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE } from '../errors/codes.js';

export const UWSGI_PLACEHOLDERS = { dollar: 'piku-dollar', at: 'piku-at', empty: 'piku-empty' };

// Rejects a value that no escaping keeps literal. `source` names the value, e.g. "Variable API_KEY".
export function validateUwsgiValue(source: string, value: string): void {
  const problem = getUwsgiValueProblem(value);

  if (problem !== undefined) {
    throw PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE(source, problem);
  }
}

// Returns what makes `value` impossible to write literally, or undefined when it can be written.
export function getUwsgiValueProblem(value: string): string | undefined {
  if (/[\n\r\0]/.test(value)) {
    return 'a newline, carriage return or NUL';
  }
  // A rewritten "%(" would be read again by the rescan, so no placeholder can produce it.
  if (value.includes('%(')) {
    return '"%("';
  }

  return undefined;
}

// Escapes a validated value for the right-hand side of `key = value`:
// `100% $(HOME) @(x) ` -> `100%% %(piku-dollar)(HOME) %(piku-at)(x) %(piku-empty)`.
export function escapeUwsgiValue(value: string): string {
  if (getUwsgiValueProblem(value) !== undefined) {
    // The context builders validate first and name the value, so reaching this line is a bug.
    throw new Error('An unvalidated value reached a uwsgi template.');
  }

  const escaped = value
    .replaceAll('%', '%%')
    .replaceAll('$(', `%(${UWSGI_PLACEHOLDERS.dollar})(`)
    .replaceAll('@(', `%(${UWSGI_PLACEHOLDERS.at})(`);

  return protectEdgeWhitespace(escaped);
}

// An empty placeholder at either end keeps the ini parser from dropping edge spaces and tabs:
// `  run` -> `%(piku-empty)  run`.
function protectEdgeWhitespace(value: string): string {
  const empty = `%(${UWSGI_PLACEHOLDERS.empty})`;
  const start = /^[ \t]/.test(value) ? empty : '';
  const end = /[ \t]$/.test(value) ? empty : '';

  return `${start}${value}${end}`;
}
