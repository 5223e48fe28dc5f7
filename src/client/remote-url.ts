// Reads a piku server and app out of a git remote URL or PIKU_SERVER, in the forms git itself
// accepts for SSH:
//   piku@host:blog                -> destination "piku@host", app "blog"
//   piku@host:blog.git            -> destination "piku@host", app "blog"
//   ssh://piku@host:2222/blog     -> destination "piku@host", port 2222, app "blog"
//   ssh://piku@[::1]:2222/blog    -> destination "piku@::1", port 2222, app "blog"
import { PIKU_ERR_CLIENT_REMOTE_INVALID } from '../errors/codes.js';

export interface ServerAddress {
  /** Target of ssh: "user@host" or "host", IPv6 addresses without brackets. */
  destination: string;
  /** Port from an ssh:// URL; without it ssh uses its own default or config. */
  port?: number;
}

export interface RemoteTarget {
  server: ServerAddress;
  app: string;
}

const REMOTE_FORMS = '"user@host:app" or "ssh://user@host[:port]/app"';
const SERVER_FORMS = '"user@host" or "ssh://user@host:port"';
const SSH_URL = /^(?:ssh|git\+ssh|ssh\+git):\/\/(?:([^@/]+)@)?(\[[^\]/]+\]|[^:/[\]]+)(?::(\d+))?(\/.*)?$/;
// git reads "host:path" as scp-like only when no slash comes before the first colon.
const SCP_LIKE = /^(?:([^@/]+)@)?(\[[^\]/]+\]|[^:/[\]]+):(.*)$/;

// Parses a git remote URL that points at a piku server. `source` names the value in errors.
export function parseRemoteUrl(url: string, source = 'Git remote URL'): RemoteTarget {
  const invalid = () => PIKU_ERR_CLIENT_REMOTE_INVALID(source, url, REMOTE_FORMS);
  const parts = getUrlParts(url);
  if (parts === undefined) throw invalid();

  const server = createServerAddress(parts.user, parts.host, parts.port, invalid);
  const app = getAppFromPath(parts.path);
  if (app === undefined) throw invalid();

  return { server, app };
}

// Parses PIKU_SERVER, which names a server but no app.
export function parseServerAddress(value: string, source = 'PIKU_SERVER'): ServerAddress {
  const invalid = () => PIKU_ERR_CLIENT_REMOTE_INVALID(source, value, SERVER_FORMS);
  const url = SSH_URL.exec(value);
  if (url !== null) {
    if (url[4] !== undefined && url[4] !== '/') throw invalid();

    return createServerAddress(url[1], url[2]!, url[3], invalid);
  }

  const plain = /^(?:([^@/:]+)@)?([^@/:[\]]+)$/.exec(value);
  if (plain === null) throw invalid();

  return createServerAddress(plain[1], plain[2]!, undefined, invalid);
}

// Shows a server the way a user would type it: "piku@host" or "ssh://piku@host:2222".
export function formatServerAddress(server: ServerAddress): string {
  if (server.port === undefined) return server.destination;

  const at = server.destination.lastIndexOf('@');
  const host = server.destination.slice(at + 1);
  const bracketed = host.includes(':') ? `[${host}]` : host;

  return `ssh://${server.destination.slice(0, at + 1)}${bracketed}:${server.port}`;
}

// Other schemes (https://, file://) are not SSH, so they are not read as scp-like "host:path".
function getUrlParts(url: string): { user?: string; host: string; port?: string; path: string } | undefined {
  const ssh = SSH_URL.exec(url);
  if (ssh !== null) return { user: ssh[1], host: ssh[2]!, port: ssh[3], path: ssh[4] ?? '' };
  if (url.includes('://')) return undefined;

  const scp = SCP_LIKE.exec(url);

  return scp === null ? undefined : { user: scp[1], host: scp[2]!, path: scp[3]! };
}

// A user or host that starts with "-" is rejected, as git does for hosts: an ssh wrapper that ignores
// "--" would read it as an option, e.g. "-oProxyCommand=...".
function createServerAddress(user: string | undefined, rawHost: string, rawPort: string | undefined, invalid: () => Error): ServerAddress {
  const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
  const isUnsafe = (part: string) => part === '' || part.startsWith('-') || /[\s\u0000-\u001f]/.test(part);
  if (isUnsafe(host) || (user !== undefined && isUnsafe(user))) throw invalid();

  const destination = user === undefined ? host : `${user}@${host}`;
  if (rawPort === undefined) return { destination };

  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid();

  return { destination, port };
}

// "/blog.git/" -> "blog". A path with a directory in it names no piku app.
function getAppFromPath(path: string): string | undefined {
  const app = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  if (app === '' || app.includes('/') || /[\s\u0000-\u001f]/.test(app)) return undefined;

  return app;
}
