// The connection settings between nginx and an app's workers: the request body limit, the upstream
// timeouts, and the per-app variable that carries WebSocket upgrades.
import { PIKU_ERR_RENDER_SETTING_INVALID } from '../errors/codes.js';
import { getAppVariableName } from './nginx-values.js';
import { getWholeNumber } from './settings.js';

export interface VhostProxy {
  /** Variable of the map that sends "Connection: upgrade" only with an Upgrade header. */
  connectionVariable: string;
  /** client_max_body_size, e.g. "10m"; null keeps nginx's default of 1m. */
  clientMaxBodySize: string | null;
  /** proxy_read_timeout or uwsgi_read_timeout in seconds; null keeps nginx's 60. */
  readTimeout: number | null;
  /** proxy_send_timeout or uwsgi_send_timeout in seconds; null keeps nginx's 60. */
  sendTimeout: number | null;
}

// A number with an optional k, m or g suffix, as nginx reads sizes; 0 turns the limit off.
const SIZE_PATTERN = /^\d{1,9}[kKmMgG]?$/;
// The largest NGINX_PROXY_READ_TIMEOUT and NGINX_PROXY_SEND_TIMEOUT: one day.
export const MAX_PROXY_TIMEOUT_SECONDS = 86_400;

// Reads NGINX_CLIENT_MAX_BODY_SIZE, NGINX_PROXY_READ_TIMEOUT and NGINX_PROXY_SEND_TIMEOUT.
export function getVhostProxy(app: string, env: Record<string, string>): VhostProxy {
  return {
    connectionVariable: getAppVariableName(app, 'connection'),
    clientMaxBodySize: getBodySize(env.NGINX_CLIENT_MAX_BODY_SIZE?.trim() ?? ''),
    readTimeout: getWholeNumber(env, 'NGINX_PROXY_READ_TIMEOUT', { min: 1, max: MAX_PROXY_TIMEOUT_SECONDS }) ?? null,
    sendTimeout: getWholeNumber(env, 'NGINX_PROXY_SEND_TIMEOUT', { min: 1, max: MAX_PROXY_TIMEOUT_SECONDS }) ?? null,
  };
}

function getBodySize(value: string): string | null {
  if (value === '') return null;

  if (!SIZE_PATTERN.test(value)) {
    throw PIKU_ERR_RENDER_SETTING_INVALID('NGINX_CLIENT_MAX_BODY_SIZE', value, 'use a size in bytes with an optional k, m or g suffix, e.g. 10m; 0 means no limit');
  }

  return value.toLowerCase();
}
