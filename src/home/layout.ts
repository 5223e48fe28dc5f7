// Where every file of the platform lives under $PIKU_ROOT. The layout is piku's, so piku users keep
// their paths; releases/ is ours. Every per-app path is built from a validated app name and matches
// that exact name, never a prefix.
import { homedir } from 'node:os';
import path from 'node:path';

export interface Layout {
  root: string;
  repos: string;
  apps: string;
  releases: string;
  envs: string;
  data: string;
  cache: string;
  logs: string;
  nginx: string;
  uwsgi: string;
  uwsgiAvailable: string;
  uwsgiEnabled: string;
  acme: string;
  /** Platform log files: "_" cannot start an app name, so no app can own this folder. */
  platformLogs: string;
  emperorIni: string;
  /** The emperor's stats socket, which deploys connect to so that it scans uwsgi-enabled/ at once. */
  emperorSocket: string;
  database: string;
  settingsFile: string;
}

// Resolves the layout from PIKU_ROOT, or ~/.piku when it is unset.
export function getLayout(env: NodeJS.ProcessEnv = process.env): Layout {
  const root = path.resolve(env.PIKU_ROOT || path.join(env.HOME || homedir(), '.piku'));
  const at = (...parts: string[]) => path.join(root, ...parts);

  return {
    root,
    repos: at('repos'),
    apps: at('apps'),
    releases: at('releases'),
    envs: at('envs'),
    data: at('data'),
    cache: at('cache'),
    logs: at('logs'),
    nginx: at('nginx'),
    uwsgi: at('uwsgi'),
    uwsgiAvailable: at('uwsgi-available'),
    uwsgiEnabled: at('uwsgi-enabled'),
    acme: at('acme'),
    platformLogs: at('logs', '_platform'),
    emperorIni: at('uwsgi', 'uwsgi.ini'),
    emperorSocket: at('uwsgi', 'emperor.sock'),
    database: at('piku.db'),
    settingsFile: at('piku.conf'),
  };
}

export interface AppPaths {
  repo: string;
  /** Symlink to the live release, the workers' working directory. */
  live: string;
  releases: string;
  env: string;
  envFile: string;
  liveEnvFile: string;
  scalingFile: string;
  /** Present while the app is stopped: config changes then leave its workers off. */
  stoppedMarker: string;
  data: string;
  cache: string;
  logs: string;
  nginxConf: string;
  nginxCert: string;
  nginxKey: string;
}

// Paths of one app; `app` must already be validated with validateAppName.
export function getAppPaths(layout: Layout, app: string): AppPaths {
  const envDir = path.join(layout.envs, app);

  return {
    repo: path.join(layout.repos, app),
    live: path.join(layout.apps, app),
    releases: path.join(layout.releases, app),
    env: envDir,
    envFile: path.join(envDir, 'ENV'),
    liveEnvFile: path.join(envDir, 'LIVE_ENV'),
    scalingFile: path.join(envDir, 'SCALING'),
    stoppedMarker: getStoppedMarker(layout, app),
    data: path.join(layout.data, app),
    cache: path.join(layout.cache, app),
    logs: path.join(layout.logs, app),
    nginxConf: path.join(layout.nginx, `${app}.conf`),
    nginxCert: path.join(layout.nginx, `${app}.crt`),
    nginxKey: path.join(layout.nginx, `${app}.key`),
  };
}

// Vassal file name of one worker: ("blog", "worker", 1) -> "blog_worker.1.ini"; HTTP workers
// carry their slot, ("blog", "web", 1, "green") -> "blog_web.1.green.ini", so the old and the new
// workers of a cutover run side by side.
export function getVassalName(app: string, kind: string, index: number, slot?: string): string {
  return slot === undefined ? `${app}_${kind}.${index}.ini` : `${app}_${kind}.${index}.${slot}.ini`;
}

// Log file of one worker, e.g. logs/blog/web.1.log.
export function getWorkerLogPath(layout: Layout, app: string, kind: string, index: number): string {
  return path.join(layout.logs, app, `${kind}.${index}.log`);
}

// The kinds whose workers nginx reaches through a unix socket per slot.
export type SocketKind = 'wsgi' | 'web';

// Unix socket an HTTP worker of a slot listens on: a wsgi worker's own socket, e.g.
// nginx/blog.wsgi.1.blue.sock, or the socket of the router in front of a web worker's port, e.g.
// nginx/blog.web.1.blue.sock.
export function getWorkerSocketPath(layout: Layout, app: string, kind: SocketKind, index: number, slot: string): string {
  return path.join(layout.nginx, `${app}.${kind}.${index}.${slot}.sock`);
}

// Symbolic link nginx connects to for an HTTP worker, e.g. nginx/blog.wsgi.1.sock. It points at the
// serving slot's socket, so a cutover renames a link and needs no nginx reload.
export function getWorkerSocketLink(layout: Layout, app: string, kind: SocketKind, index: number): string {
  return path.join(layout.nginx, `${app}.${kind}.${index}.sock`);
}

const WORKER_SOCKET_PATTERN = /^(wsgi|web)\.\d+(\.(blue|green))?\.sock$/;

// True when `name` in nginx/ is a socket or a link of one of the app's HTTP workers, e.g.
// "blog.web.1.green.sock" or "blog.web.1.sock" (with `linksOnly`, only a link). Another app's names,
// e.g. "blog.io.web.1.sock" for app blog, do not match.
export function isWorkerSocketName(app: string, name: string, { linksOnly = false } = {}): boolean {
  if (!name.startsWith(`${app}.`)) return false;

  const match = WORKER_SOCKET_PATTERN.exec(name.slice(app.length + 1));

  return match !== null && (!linksOnly || match[2] === undefined);
}

// envs/<app>/STOPPED, on its own for listings of many apps.
export function getStoppedMarker(layout: Layout, app: string): string {
  return path.join(layout.envs, app, 'STOPPED');
}
