// LIVE_ENV: the resolved environment of the last start, one `K=V` line per variable. Values are
// written and read back byte for byte, with no quotes and no expansion, so `run` and piku-era
// scripts see exactly what the workers saw.
import { PIKU_ERR_ENV_KEY_INVALID, PIKU_ERR_ENV_LINE_NO_EQUALS, PIKU_ERR_ENV_NAME_INVALID, PIKU_ERR_ENV_VALUE_MULTILINE } from '../errors/codes.js';
import { ENV_KEY_PATTERN } from './env-file.js';

// A line break would split one value into two lines, and a NUL cannot be passed to a process.
const UNSTORABLE_CHARACTER = /[\n\r\0]/;

// Renders variables as LIVE_ENV text, sorted by name so that two writes of one environment match.
export function serializeEnv(vars: Record<string, string>): string {
  const names = Object.keys(vars).sort();

  return names.map((name) => `${name}=${getStorableValue(name, vars[name] ?? '')}\n`).join('');
}

// Reads LIVE_ENV text back into variables. `source` names the file in error messages.
export function parseLiveEnv(text: string, source = 'LIVE_ENV'): Record<string, string> {
  const entries: [string, string][] = [];

  text.split('\n').forEach((line, index) => {
    if (line === '') {
      return;
    }

    const equals = line.indexOf('=');
    if (equals === -1) {
      throw PIKU_ERR_ENV_LINE_NO_EQUALS(source, index + 1);
    }

    const name = line.slice(0, equals);
    if (!ENV_KEY_PATTERN.test(name)) {
      throw PIKU_ERR_ENV_KEY_INVALID(source, index + 1, name);
    }
    entries.push([name, line.slice(equals + 1)]);
  });

  return Object.fromEntries(entries);
}

function getStorableValue(name: string, value: string): string {
  if (!ENV_KEY_PATTERN.test(name)) {
    throw PIKU_ERR_ENV_NAME_INVALID(name);
  }
  if (UNSTORABLE_CHARACTER.test(value)) {
    throw PIKU_ERR_ENV_VALUE_MULTILINE(name);
  }

  return value;
}
