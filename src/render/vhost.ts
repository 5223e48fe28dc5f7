// The nginx vhost of one app (`nginx/<app>.conf`): its typed context, the builder that validates
// every value that reaches nginx text, and the renderer. docs/nginx.md describes the result.
import path from 'node:path';
import type { Layout } from '../home/layout.js';
import type { ProcfileEntry } from '../procfile/types.js';
import { PIKU_ERR_RENDER_SETTING_INVALID, PIKU_ERR_RENDER_VHOST_EMPTY } from '../errors/codes.js';
import { getHostNames, getIPv4Address, getIPv6Address, getNginxPath } from './nginx-values.js';
import { parseBoolean } from '../config/booleans.js';
import { getVhostAccess, type VhostAccess } from './vhost-access.js';
import { getVhostCache, type VhostCache } from './vhost-cache.js';
import { getVhostHttps, type VhostHttps } from './vhost-https.js';
import { getVhostProxy, type VhostProxy } from './vhost-proxy.js';
import { ACME_URL, getStaticLocations, type StaticLocation } from './vhost-static.js';
import { renderTemplate } from './templates.js';

export interface VhostInput {
  app: string;
  layout: Layout;
  env: Record<string, string>;
  entries: ProcfileEntry[];
  /** One unix socket per web worker, the router in front of its port. */
  webSockets: string[];
  /** One unix socket per wsgi worker. */
  wsgiSockets: string[];
  /** The release being deployed; static paths are served from it. */
  releaseDir: string;
  /**
   * The release directory itself (releases/<app>/<n>): nginx -t reads NGINX_INCLUDE_FILE from it
   * before apps/<app> points at the new release.
   */
  codeDir: string;
  /** Platform defaults: the ports and the addresses vhosts listen on unless the app sets its own. */
  settings: { httpPort: number; httpsPort: number; ipv4Address: string; ipv6Address: string | null };
}

export interface VhostContext {
  /** App name; the template names the upstream block `<app>-app`, unique because app names are. */
  app: string;
  /** Unix sockets that nginx proxies requests to over HTTP. */
  webSockets: string[];
  /** Unix sockets that nginx passes requests to with the uwsgi protocol. */
  wsgiSockets: string[];
  httpPort: number;
  ipv4Address: string;
  ipv6Address: string | null;
  serverNames: string[];
  acmeRoot: string;
  allowGitFolders: boolean;
  staticLocations: StaticLocation[];
  https: VhostHttps;
  proxy: VhostProxy;
  cache: VhostCache | null;
  access: VhostAccess;
}

// Renders the vhost text of one app.
export function renderVhost(context: VhostContext): string {
  return renderTemplate('nginx/vhost.conf', context);
}

// Builds the vhost context, or returns null when NGINX_SERVER_NAME is unset: such an app has no vhost.
export function createVhostContext(input: VhostInput): VhostContext | null {
  const { app, layout, env, settings } = input;
  const serverName = env.NGINX_SERVER_NAME;
  if (serverName === undefined || serverName.trim() === '') {
    return null;
  }

  // A wsgi app takes the upstream: piku drops `web` entries when a wsgi entry is present.
  const wsgiSockets = input.wsgiSockets.map((socket) => getNginxPath('PIKU_ROOT', socket));
  const webSockets = wsgiSockets.length > 0 ? [] : input.webSockets.map((socket) => getNginxPath('PIKU_ROOT', socket));
  const staticLocations = getStaticLocations(input, wsgiSockets.length + webSockets.length > 0);
  if (wsgiSockets.length + webSockets.length + staticLocations.length === 0) {
    throw PIKU_ERR_RENDER_VHOST_EMPTY(app);
  }

  const cache = getVhostCache(app, layout, env, getCacheModule(wsgiSockets, webSockets));
  validateCachePrefixes(cache, staticLocations);

  return {
    app,
    webSockets,
    wsgiSockets,
    httpPort: getPort('httpPort', settings.httpPort),
    ipv4Address: getIPv4Address('NGINX_IPV4_ADDRESS', env.NGINX_IPV4_ADDRESS?.trim() || settings.ipv4Address),
    ipv6Address: getIPv6Listen(env, settings.ipv6Address),
    serverNames: getHostNames('NGINX_SERVER_NAME', serverName),
    acmeRoot: getNginxPath('PIKU_ROOT', path.resolve(layout.acme)),
    allowGitFolders: parseBoolean('NGINX_ALLOW_GIT_FOLDERS', env.NGINX_ALLOW_GIT_FOLDERS, false),
    staticLocations,
    https: getVhostHttps(app, layout, env, getPort('httpsPort', settings.httpsPort)),
    proxy: getVhostProxy(app, env),
    cache,
    access: getVhostAccess(app, layout, env, input.codeDir),
  };
}

function getCacheModule(wsgiSockets: string[], webSockets: string[]): 'proxy' | 'uwsgi' | null {
  if (wsgiSockets.length > 0) return 'uwsgi';

  return webSockets.length > 0 ? 'proxy' : null;
}

// A cache prefix gets its own location, so it must not repeat "/", the ACME path or a static URL.
function validateCachePrefixes(cache: VhostCache | null, staticLocations: StaticLocation[]): void {
  const taken = new Set(['/', ACME_URL, ...staticLocations.map((location) => location.url)]);
  const clash = cache?.prefixes.find((prefix, index) => taken.has(prefix) || cache.prefixes.indexOf(prefix) !== index);
  if (clash !== undefined) {
    throw PIKU_ERR_RENDER_SETTING_INVALID('NGINX_CACHE_PREFIXES', clash, 'list each prefix once, and not "/", the ACME path or a static URL');
  }
}

// DISABLE_IPV6 wins over an address; a platform without IPv6 (ipv6Address null) needs NGINX_IPV6_ADDRESS to get one.
function getIPv6Listen(env: Record<string, string>, platformDefault: string | null): string | null {
  if (parseBoolean('DISABLE_IPV6', env.DISABLE_IPV6, false)) return null;

  const address = env.NGINX_IPV6_ADDRESS?.trim() || platformDefault;

  return address === null ? null : getIPv6Address('NGINX_IPV6_ADDRESS', address);
}

function getPort(setting: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw PIKU_ERR_RENDER_SETTING_INVALID(setting, String(port), 'use a port from 1 to 65535');
  }

  return port;
}
