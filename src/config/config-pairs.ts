// Checks the words of config:set and config:unset before anything is written: one bad word fails
// the whole command, so a change is applied whole or not at all.
import { PIKU_ERR_CONFIG_KEY_INVALID, PIKU_ERR_CONFIG_PAIR_NO_EQUALS, PIKU_ERR_CONFIG_VALUE_MULTILINE } from '../errors/codes.js';
import { ENV_KEY_PATTERN } from './env-file.js';

// An ENV line contains one value, so a line break would split it and a NUL cannot reach a process.
const UNSTORABLE_CHARACTER = /[\n\r\0]/;

// Splits each KEY=VALUE word on its first "=": "URL=a=b" -> URL, "a=b". A key given twice keeps its
// last value, as in an ENV file.
//   ["GREETING=hello all"] -> GREETING: "hello all"
//   ["GREETING=hello", "all"] -> PIKU_ERR_CONFIG_PAIR_NO_EQUALS, because "all" has no "="
export function parseConfigPairs(words: string[]): Map<string, string> {
  const values = new Map<string, string>();
  let previousKey: string | undefined;

  words.forEach((word, index) => {
    const equals = word.indexOf('=');
    if (equals === -1) throw PIKU_ERR_CONFIG_PAIR_NO_EQUALS(index + 1, previousKey);

    const key = word.slice(0, equals);
    const value = word.slice(equals + 1);
    validateConfigKey(key);
    if (UNSTORABLE_CHARACTER.test(value)) throw PIKU_ERR_CONFIG_VALUE_MULTILINE(key);

    values.delete(key);
    values.set(key, value);
    previousKey = key;
  });

  return values;
}

// Rejects a key that no ENV line can define, e.g. "1ST" or "MY-KEY".
export function validateConfigKey(key: string): string {
  if (!ENV_KEY_PATTERN.test(key)) throw PIKU_ERR_CONFIG_KEY_INVALID(key);

  return key;
}
