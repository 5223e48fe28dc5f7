// Log paths whose values are secrets. Config values and tokens must never reach a log line; the
// code logs config keys only, and these paths catch a value passed by mistake.
export const REDACTED_PATHS = [
  'env',
  'env.*',
  'value',
  'values',
  'config.*',
  'token',
  'password',
  'authorization',
  'headers.authorization',
  'headers.cookie',
];
