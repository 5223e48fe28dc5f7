// Parsing of static path mappings, from NGINX_STATIC_PATHS or a `static` Procfile entry, into URL
// prefixes and paths inside the release that nginx serves with `alias`.
import path from 'node:path';
import { PIKU_ERR_RENDER_STATIC_PATH_INVALID } from '../errors/codes.js';

export interface StaticMapping {
  /** URL prefix with one trailing slash, e.g. "/static/", or "/". */
  url: string;
  /** Path relative to the release directory without a trailing slash; "" is the release itself. */
  path: string;
}

const URL_PATTERN = /^\/[A-Za-z0-9._~/-]*$/;
const RELATIVE_PATH_PATTERN = /^[A-Za-z0-9._~@+=,/-]+$/;
const MAPPING_FIX = 'use /url:path pairs separated by commas, e.g. /static:public,/media:uploads';
const PATH_FIX = 'use a path inside the app of letters, digits and . _ ~ @ + = , / -, without ".."';

// Parses a `static` entry: a list of /url:path pairs, or else one path served at "/", as piku
// does: "public" -> [{ url: "/", path: "public" }], "/public" -> the same.
export function getStaticEntryMappings(kind: string, command: string): StaticMapping[] {
  const source = `Procfile entry "${kind}"`;
  if (command.includes(':')) {
    return getStaticMappings(source, command);
  }

  return [{ url: '/', path: getRelativePath(source, command.replace(/^\/+/, '')) }];
}

// Parses "/url:path,..." text: "/static:public/,/media:./up" -> [{ url: "/static/",
// path: "public" }, { url: "/media/", path: "up" }]. `source` names the text in errors.
export function getStaticMappings(source: string, text: string): StaticMapping[] {
  const pairs = text.split(',').map((pair) => pair.trim()).filter((pair) => pair !== '');

  return pairs.map((pair) => getStaticMapping(source, pair));
}

function getStaticMapping(source: string, pair: string): StaticMapping {
  const separator = pair.indexOf(':');
  const url = pair.slice(0, separator);
  if (separator < 0 || !URL_PATTERN.test(url) || url.split('/').includes('..')) {
    throw PIKU_ERR_RENDER_STATIC_PATH_INVALID(source, pair, MAPPING_FIX);
  }

  return { url: `${url.replace(/\/+$/, '')}/`, path: getRelativePath(source, pair.slice(separator + 1)) };
}

// Normalizes a path inside the release: "./public/" -> "public", "." -> "".
function getRelativePath(source: string, text: string): string {
  const normalized = path.posix.normalize(text === '' ? '.' : text).replace(/\/+$/, '');
  const isOutside = normalized === '..' || normalized.startsWith('../') || path.posix.isAbsolute(normalized);
  if (!RELATIVE_PATH_PATTERN.test(text === '' ? '.' : text) || isOutside) {
    throw PIKU_ERR_RENDER_STATIC_PATH_INVALID(source, text, PATH_FIX);
  }

  return normalized === '.' ? '' : normalized;
}
