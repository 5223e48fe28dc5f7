// The UWSGI_* settings of an app, read from its env with piku's defaults and validated.
import path from 'node:path';
import { PIKU_ERR_RENDER_SETTING_INVALID } from '../errors/codes.js';
import { parseBoolean } from '../config/booleans.js';
import { getWholeNumber } from './settings.js';
import { validateUwsgiValue } from './uwsgi-values.js';

export interface VassalSettings {
  processes: number;
  listen: number;
  /** Requests a worker serves before uwsgi replaces it; 0 never replaces it. */
  maxRequests: number;
  enableThreads: boolean;
  logXForwardedFor: boolean;
  /** Bytes after which uwsgi rotates the log file; 0 turns rotation off. */
  logMaxSize: number;
  /** Seconds without requests after which the vassal's workers stop; null keeps them running. */
  idle: number | null;
  /** Absolute path of the app's own ini file (UWSGI_INCLUDE_FILE), read after our keys. */
  includeFile: string | null;
}

const MAX_LOG_SIZE = 2 ** 40;

// Reads every UWSGI_* setting. UWSGI_INCLUDE_FILE is relative to `appDir`, the live app directory.
// `defaultListen` is the backlog when UWSGI_LISTEN is unset.
export function getVassalSettings(env: Record<string, string>, appDir: string, defaultListen = 48): VassalSettings {
  return {
    processes: getWholeNumber(env, 'UWSGI_PROCESSES', { fallback: 2, min: 1, max: 1024 }) ?? 2,
    listen: getWholeNumber(env, 'UWSGI_LISTEN', { fallback: defaultListen, min: 1, max: 65535 }) ?? defaultListen,
    maxRequests: getWholeNumber(env, 'UWSGI_MAX_REQUESTS', { fallback: 1024, min: 0, max: 1e9 }) ?? 1024,
    enableThreads: parseBoolean('UWSGI_ENABLE_THREADS', env.UWSGI_ENABLE_THREADS, true),
    logXForwardedFor: parseBoolean('UWSGI_LOG_X_FORWARDED_FOR', env.UWSGI_LOG_X_FORWARDED_FOR, false),
    logMaxSize: getWholeNumber(env, 'UWSGI_LOG_MAXSIZE', { fallback: 1048576, min: 0, max: MAX_LOG_SIZE }) ?? 1048576,
    idle: getWholeNumber(env, 'UWSGI_IDLE', { min: 1, max: 1e7 }) ?? null,
    includeFile: getIncludeFile(env.UWSGI_INCLUDE_FILE, appDir),
  };
}

// Resolves UWSGI_INCLUDE_FILE inside the app: "deploy/uwsgi.ini" -> "<appDir>/deploy/uwsgi.ini".
function getIncludeFile(value: string | undefined, appDir: string): string | null {
  const file = value?.trim();
  if (file === undefined || file === '') {
    return null;
  }

  const normalized = path.posix.normalize(file);
  if (path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../')) {
    throw PIKU_ERR_RENDER_SETTING_INVALID('UWSGI_INCLUDE_FILE', file, 'use a path inside the app, e.g. uwsgi.ini');
  }
  validateUwsgiValue('Setting UWSGI_INCLUDE_FILE', file);

  return path.posix.join(appDir, normalized);
}
