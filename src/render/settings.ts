// Readers for the settings in an app's env that shape its vassals and vhost. Each one validates the
// text and names the setting in its error, so a typo in ENV fails the deploy before anything runs.
import { PIKU_ERR_RENDER_SETTING_INVALID } from '../errors/codes.js';

export interface WholeNumberOptions {
  fallback?: number;
  min: number;
  max: number;
}

// Reads a whole number setting within [min, max]. An unset or empty value returns `fallback`, which may be undefined.
export function getWholeNumber(
  env: Record<string, string>,
  name: string,
  { fallback, min, max }: WholeNumberOptions,
): number | undefined {
  const text = env[name]?.trim();
  if (text === undefined || text === '') {
    return fallback;
  }

  const number = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= min && number <= max)) {
    throw PIKU_ERR_RENDER_SETTING_INVALID(name, env[name] ?? '', `use a whole number from ${min} to ${max}`);
  }

  return number;
}

// Maps PYTHON_VERSION to the uwsgi plugin that runs wsgi workers: "3.11" -> "python311",
// "3" or unset -> "python3".
export function getPythonPlugin(env: Record<string, string>): string {
  const version = env.PYTHON_VERSION?.trim();
  if (version === undefined || version === '' || version === '3') {
    return 'python3';
  }

  const match = /^3\.(\d{1,3})$/.exec(version);
  if (match === null) {
    throw PIKU_ERR_RENDER_SETTING_INVALID('PYTHON_VERSION', env.PYTHON_VERSION ?? '', 'use 3 or 3.<minor>, e.g. 3.11');
  }

  return `python3${match[1]}`;
}
