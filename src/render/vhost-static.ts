// The static locations of a vhost, from `static` Procfile entries and NGINX_STATIC_PATHS.
import path from 'node:path';
import { PIKU_ERR_RENDER_SETTING_INVALID, PIKU_ERR_RENDER_STATIC_URL_DUPLICATE } from '../errors/codes.js';
import type { ProcfileEntry } from '../procfile/types.js';
import { getNginxPath } from './nginx-values.js';
import { getStaticEntryMappings, getStaticMappings } from './static-paths.js';

export interface StaticLocation {
  /** URL prefix with one trailing slash, e.g. "/static/". */
  url: string;
  /** Absolute directory inside the release without a trailing slash; the template adds it. */
  alias: string;
  /** Last try_files argument: NGINX_CATCH_ALL, e.g. "/index.html", or "=404". */
  fallback: string;
}

export interface StaticLocationsInput {
  entries: ProcfileEntry[];
  env: Record<string, string>;
  releaseDir: string;
}

// URLs the vhost template already has a location for.
export const ACME_URL = '/.well-known/acme-challenge/';
const CATCH_ALL_PATTERN = /^(\/[A-Za-z0-9._~/-]*|=[1-5]\d\d)$/;

// Maps every static path to a location. `hasUpstream` reserves "/" for the app's own location.
export function getStaticLocations({ entries, env, releaseDir }: StaticLocationsInput, hasUpstream: boolean): StaticLocation[] {
  const mappings = [
    ...entries.filter((entry) => entry.category === 'static').flatMap((entry) => getStaticEntryMappings(entry.kind, entry.command)),
    ...getStaticMappings('NGINX_STATIC_PATHS', env.NGINX_STATIC_PATHS ?? ''),
  ];
  const root = getNginxPath('PIKU_ROOT', path.resolve(releaseDir));

  const taken = new Set(hasUpstream ? ['/', ACME_URL] : [ACME_URL]);
  for (const { url } of mappings) {
    if (taken.has(url)) {
      throw PIKU_ERR_RENDER_STATIC_URL_DUPLICATE(url);
    }
    taken.add(url);
  }

  const fallback = getCatchAll(env.NGINX_CATCH_ALL?.trim() ?? '');

  return mappings.map(({ url, path: relative }) => ({ url, alias: path.posix.join(root, relative), fallback }));
}

// NGINX_CATCH_ALL: the URI served when no file matches, e.g. "/index.html" for a single-page app.
function getCatchAll(value: string): string {
  if (value === '') return '=404';

  if (!CATCH_ALL_PATTERN.test(value) || value.split('/').includes('..')) {
    throw PIKU_ERR_RENDER_SETTING_INVALID('NGINX_CATCH_ALL', value, 'use a URL path of letters, digits and . _ ~ / -, e.g. /index.html, or a status such as =404');
  }

  return value;
}
