// Boolean settings such as NGINX_HTTPS_ONLY or PIKU_AUTO_RESTART. The words are piku's, so a piku
// app's ENV means the same here. Any other word is an error, where piku would read it as false.
import { PIKU_ERR_ENV_BOOLEAN_INVALID } from '../errors/codes.js';

const TRUE_WORDS = new Set(['1', 'on', 'true', 'enabled', 'yes', 'y']);
const FALSE_WORDS = new Set(['0', 'off', 'false', 'disabled', 'no', 'n', '']);

// Reads the boolean setting `key` in any case, ignoring surrounding spaces. An unset setting gives
// `fallback` and an empty one gives false.
export function parseBoolean(key: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) {
    return fallback;
  }

  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) {
    return true;
  }
  if (FALSE_WORDS.has(word)) {
    return false;
  }

  throw PIKU_ERR_ENV_BOOLEAN_INVALID(key, value);
}
