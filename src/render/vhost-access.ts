// The access rules of a vhost and the app's own additions to it: NGINX_ALLOWED_IPS,
// NGINX_CLOUDFLARE_ACL and NGINX_INCLUDE_FILE.
import path from 'node:path';
import { parseBoolean } from '../config/booleans.js';
import { PIKU_ERR_RENDER_SETTING_INVALID } from '../errors/codes.js';
import type { Layout } from '../home/layout.js';
import { getCloudflareRanges } from '../nginx/cloudflare-ranges.js';
import { getAddressRange, getAppVariableName, getNginxPath } from './nginx-values.js';

export interface VhostAccess {
  /** Client addresses or ranges allowed in; empty: everyone. */
  allowedIps: string[];
  cloudflare: VhostCloudflare | null;
  /** Absolute path of NGINX_INCLUDE_FILE inside the release, or null. */
  includeFile: string | null;
}

export interface VhostCloudflare {
  /** Variable of the geo block that is 1 for a peer in Cloudflare's ranges or on loopback. */
  variable: string;
  /** Cloudflare's IPv4 and IPv6 ranges: the only peers, besides loopback, that get in. */
  ranges: string[];
}

// NOTE: the same characters as static paths, so an include path needs no quoting in nginx text.
const RELATIVE_PATH_PATTERN = /^[A-Za-z0-9._~@+=,/-]+$/;
const INCLUDE_FIX = 'use a file inside the app of letters, digits and . _ ~ @ + = , / -, not absolute and without ".."';

// Reads the access settings. `codeDir` is the release directory that NGINX_INCLUDE_FILE is resolved in.
export function getVhostAccess(app: string, layout: Layout, env: Record<string, string>, codeDir: string): VhostAccess {
  const allowedIps = (env.NGINX_ALLOWED_IPS ?? '').split(/[ \t,]+/).filter((entry) => entry !== '');
  const isCloudflare = parseBoolean('NGINX_CLOUDFLARE_ACL', env.NGINX_CLOUDFLARE_ACL, false);
  const ranges = isCloudflare ? getCloudflareRanges(layout) : null;

  return {
    allowedIps: allowedIps.map((entry) => getAddressRange('NGINX_ALLOWED_IPS', entry)),
    cloudflare: ranges === null ? null : { variable: getAppVariableName(app, 'cloudflare'), ranges: [...ranges.ipv4, ...ranges.ipv6] },
    includeFile: getIncludeFile(env.NGINX_INCLUDE_FILE?.trim() ?? '', codeDir),
  };
}

// "conf/nginx.conf" -> "<release>/conf/nginx.conf"; "../x", "/etc/x" and "a;b" are rejected.
function getIncludeFile(value: string, codeDir: string): string | null {
  if (value === '') return null;

  const normalized = path.posix.normalize(value);
  const isOutside = normalized === '..' || normalized.startsWith('../') || path.posix.isAbsolute(normalized) || normalized === '.';
  if (!RELATIVE_PATH_PATTERN.test(value) || isOutside || normalized.endsWith('/')) {
    throw PIKU_ERR_RENDER_SETTING_INVALID('NGINX_INCLUDE_FILE', value, INCLUDE_FIX);
  }

  return getNginxPath('PIKU_ROOT', path.posix.join(path.resolve(codeDir), normalized));
}
