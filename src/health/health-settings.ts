// The health check settings of an app, read from its environment:
//   HEALTHCHECK_PATH      path requested (default "/")
//   HEALTHCHECK_STATUS    expected status code; unset: any status below 500 passes
//   HEALTHCHECK_BODY      text the body must contain; unset: any body
//   HEALTHCHECK_TIMEOUT   seconds one request may take (default 5)
//   HEALTHCHECK_ATTEMPTS  attempts, one a second, before the worker counts as failed (default 30)
import { PIKU_ERR_HEALTH_SETTING_INVALID } from '../errors/codes.js';

export interface HealthSettings {
  path: string;
  status?: number;
  body?: string;
  timeoutMs: number;
  attempts: number;
}

export function getHealthSettings(env: Record<string, string>): HealthSettings {
  const path = env.HEALTHCHECK_PATH?.trim() || '/';
  if (!/^\/[\x21-\x7e]*$/.test(path)) throw PIKU_ERR_HEALTH_SETTING_INVALID('HEALTHCHECK_PATH', path, 'use a path starting with "/" without spaces');

  const body = env.HEALTHCHECK_BODY;

  return {
    path,
    status: readWholeNumber(env, 'HEALTHCHECK_STATUS', 100, 599),
    body: body === undefined || body === '' ? undefined : body,
    timeoutMs: (readWholeNumber(env, 'HEALTHCHECK_TIMEOUT', 1, 300) ?? 5) * 1000,
    attempts: readWholeNumber(env, 'HEALTHCHECK_ATTEMPTS', 1, 600) ?? 30,
  };
}

// Reads a whole-number setting within [min, max]; unset or empty returns undefined.
export function readWholeNumber(env: Record<string, string>, key: string, min: number, max: number): number | undefined {
  const value = env[key]?.trim();
  if (value === undefined || value === '') return undefined;

  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw PIKU_ERR_HEALTH_SETTING_INVALID(key, value, `use a whole number from ${min} to ${max}`);
  }

  return number;
}
