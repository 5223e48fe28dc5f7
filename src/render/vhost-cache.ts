// The response cache of a vhost: NGINX_CACHE_PREFIXES and its NGINX_CACHE_* settings. nginx caches
// what the upstream returns for those URL prefixes, with proxy_cache for web workers and uwsgi_cache
// for wsgi workers. Each app's cache zone is defined in its own vhost file.
import path from 'node:path';
import { PIKU_ERR_RENDER_SETTING_INVALID } from '../errors/codes.js';
import type { Layout } from '../home/layout.js';
import { getAppVariableName, getNginxPath } from './nginx-values.js';
import { getWholeNumber } from './settings.js';

export interface VhostCache {
  /** Directive prefix: "proxy" (proxy_cache, ...) for web workers, "uwsgi" for wsgi workers. */
  module: 'proxy' | 'uwsgi';
  /** Shared memory zone, "<app>-cache": app names are unique, so zones are too. */
  zone: string;
  path: string;
  maxSizeGb: number;
  /** Seconds an entry stays without being requested (`inactive=`). */
  inactiveSeconds: number;
  /** Seconds 200 and 304 responses are cached. */
  contentSeconds: number;
  /** Seconds 301, 302, 307 and 308 responses are cached. */
  redirectSeconds: number;
  /** Seconds any other response is cached. */
  anySeconds: number;
  /** max-age of the Cache-Control header sent when the upstream sends none. */
  maxAgeSeconds: number;
  /** Variable of the map that picks that Cache-Control header. */
  cacheControlVariable: string;
  /** URL prefixes, each one `location`, e.g. "/api/feed". */
  prefixes: string[];
}

const PREFIX_PATTERN = /^\/[A-Za-z0-9._~/-]*$/;
const YEAR_SECONDS = 31_536_000;

// Reads the cache settings, or returns null when NGINX_CACHE_PREFIXES is unset or empty.
export function getVhostCache(app: string, layout: Layout, env: Record<string, string>, module: 'proxy' | 'uwsgi' | null): VhostCache | null {
  const prefixes = getCachePrefixes(env.NGINX_CACHE_PREFIXES ?? '');
  if (prefixes.length === 0) return null;

  if (module === null) {
    throw PIKU_ERR_RENDER_SETTING_INVALID('NGINX_CACHE_PREFIXES', env.NGINX_CACHE_PREFIXES ?? '', 'cache only apps with a web or wsgi worker, or unset it');
  }

  const seconds = (name: string, fallback: number, min = 0) => getWholeNumber(env, name, { fallback, min, max: YEAR_SECONDS })!;
  const cachePath = env.NGINX_CACHE_PATH?.trim() || path.join(layout.cache, app);

  return {
    module,
    zone: `${app}-cache`,
    path: getNginxPath(env.NGINX_CACHE_PATH?.trim() ? 'NGINX_CACHE_PATH' : 'PIKU_ROOT', cachePath),
    maxSizeGb: getWholeNumber(env, 'NGINX_CACHE_SIZE', { fallback: 1, min: 1, max: 100_000 })!,
    inactiveSeconds: seconds('NGINX_CACHE_EXPIRY', 86_400, 1),
    contentSeconds: seconds('NGINX_CACHE_TIME', 3600),
    redirectSeconds: seconds('NGINX_CACHE_REDIRECTS', 3600),
    anySeconds: seconds('NGINX_CACHE_ANY', 3600),
    maxAgeSeconds: seconds('NGINX_CACHE_CONTROL', 3600),
    cacheControlVariable: getAppVariableName(app, 'cache_control'),
    prefixes,
  };
}

// Splits "/api/feed, /images/" into ["/api/feed", "/images/"]; a prefix without its leading "/" gets one.
function getCachePrefixes(value: string): string[] {
  const prefixes = value.split(/[ \t,]+/).filter((prefix) => prefix !== '');

  return prefixes.map((prefix) => {
    const normalized = prefix.startsWith('/') ? prefix : `/${prefix}`;
    if (!PREFIX_PATTERN.test(normalized) || normalized.split('/').includes('..')) {
      throw PIKU_ERR_RENDER_SETTING_INVALID(
        'NGINX_CACHE_PREFIXES',
        value,
        'use URL prefixes of letters, digits and . _ ~ / - separated by commas or spaces, e.g. /api/feed,/images',
      );
    }

    return normalized;
  });
}
