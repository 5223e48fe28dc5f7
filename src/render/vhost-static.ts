// The static locations of a vhost, from `static` Procfile entries and NGINX_STATIC_PATHS.
import path from 'node:path';
import { PIKU_ERR_RENDER_STATIC_URL_DUPLICATE } from '../errors/codes.js';
import type { ProcfileEntry } from '../procfile/types.js';
import { getNginxPath } from './nginx-values.js';
import { getStaticEntryMappings, getStaticMappings } from './static-paths.js';

export interface StaticLocation {
  /** URL prefix with one trailing slash, e.g. "/static/". */
  url: string;
  /** Absolute directory inside the release without a trailing slash; the template adds it. */
  alias: string;
}

export interface StaticLocationsInput {
  entries: ProcfileEntry[];
  env: Record<string, string>;
  releaseDir: string;
}

// URLs the vhost template already has a location for.
const ACME_URL = '/.well-known/acme-challenge/';

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

  return mappings.map(({ url, path: relative }) => ({ url, alias: path.posix.join(root, relative) }));
}
