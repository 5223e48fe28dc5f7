// The uwsgi vassal of one worker (`uwsgi-enabled/<app>_<kind>.<n>.ini`, or `<app>_<kind>.<n>.<slot>.ini`
// for an HTTP worker): its typed context, the builder that validates every value on the way in, and
// the renderer.
import { getWorkerLogPath, type Layout } from '../home/layout.js';
import {
  PIKU_ERR_ENV_NAME_INVALID,
  PIKU_ERR_RENDER_KIND_NOT_SUPERVISED,
  PIKU_ERR_RENDER_PORT_MISSING,
  PIKU_ERR_RENDER_SOCKET_PATH_TOO_LONG,
  PIKU_ERR_RENDER_WSGI_MODULE_INVALID,
} from '../errors/codes.js';
import type { CronSchedule, ProcfileEntry } from '../procfile/types.js';
import type { Slot } from '../store/slots.js';
import { renderTemplate } from './templates.js';
import { validateUwsgiValue } from './uwsgi-values.js';
import { getPythonPlugin, getWholeNumber } from './settings.js';
import { getVassalSettings, type VassalSettings } from './vassal-settings.js';
import { MAX_PROXY_TIMEOUT_SECONDS } from './vhost-proxy.js';

export interface VassalInput {
  app: string;
  entry: ProcfileEntry;
  /** 1-based number of this worker among the workers of its kind. */
  index: number;
  /** Slot of an HTTP worker (wsgi, web); other workers have none. */
  slot?: Slot;
  layout: Layout;
  /** The effective app env: platform variables and ENV files, already merged. */
  env: Record<string, string>;
  /** Port of a `web` worker. */
  port?: number;
  /** Virtualenv of a python app, used by `wsgi` workers. */
  virtualenv?: string;
  /** The release directory the worker runs, its working directory. */
  codeDir: string;
  /** Unix socket of a `wsgi` worker, or of the router in front of a `web` worker's port. */
  socket?: string;
  /** Variables the worker's previous environment had and this one lacks (see `unenv` in the template). */
  removedKeys?: string[];
}

export interface WsgiContext {
  plugin: string;
  module: string;
  socket: string;
  threads: number;
  virtualenv: string | null;
  asyncio: number | null;
}

// uwsgi's rawrouter in front of a web worker: nginx connects to its unix socket, which a cutover
// can point at the other slot without a reload, and it forwards each connection to the port.
export interface RouterContext {
  socket: string;
  port: number;
  /** Seconds a connection may stay idle, longer than any nginx proxy timeout. */
  timeout: number;
}

export interface VassalContext extends VassalSettings {
  app: string;
  kind: string;
  index: number;
  /**
   * Slot of an HTTP worker, part of its process title ("blog:web.1.green uWSGI master"), because
   * during a cutover the old and the new worker web.1 run side by side.
   */
  slot: Slot | null;
  /**
   * The release directory itself, not the apps/<app> symlink: in a cutover the new workers start
   * before the symlink moves, and each worker keeps running the release it was started with.
   */
  chdir: string;
  logFile: string;
  logBackupFile: string;
  wsgi: WsgiContext | null;
  router: RouterContext | null;
  /** Shell command line that uwsgi's attach-daemon runs with /bin/sh -c (web and worker). */
  daemonCommand: string | null;
  cron: { schedule: CronSchedule; command: string } | null;
  env: Array<{ name: string; value: string }>;
  unsetKeys: string[];
}

const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WSGI_MODULE_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]*(:[A-Za-z_][A-Za-z0-9_.]*)?$/;
const SUPERVISED = new Set(['wsgi', 'web', 'worker', 'cron']);
// The router's socket backlog. nginx gets a 502 at once when the backlog is full, and 48 (the
// wsgi default) let wrk with 100 connections fill it. uwsgi refuses a value above
// net.core.somaxconn, which is 4096 on Linux 5.4 and later.
const ROUTER_LISTEN = 1024;
// Linux's sun_path has room for 108 bytes with the final NUL, and uwsgi rejects a longer path.
const MAX_SOCKET_PATH_BYTES = 107;
// The router's idle timeout in seconds: longer than the largest NGINX_PROXY_*_TIMEOUT, so nginx's
// own timeouts always fire first. It is fixed because nginx:render and a push with
// PIKU_AUTO_RESTART=false change the vhost's timeouts without restarting the router.
const ROUTER_TIMEOUT = MAX_PROXY_TIMEOUT_SECONDS + 5;

// Renders the ini text of one vassal.
export function renderVassal(context: VassalContext): string {
  return renderTemplate('uwsgi/vassal.ini', context);
}

// Builds the vassal context of one worker, rejecting any value the ini file could not hold literally.
export function createVassalContext(input: VassalInput): VassalContext {
  const { app, entry, index, layout, env, port } = input;
  const { kind, category, command } = entry;
  validateSupervised(entry, port);
  for (const text of [kind, command]) {
    validateUwsgiValue(`Procfile entry "${kind}"`, text);
  }

  const appDir = input.codeDir;
  const logFile = getWorkerLogPath(layout, app, kind, index);
  const context: VassalContext = {
    app,
    kind,
    index,
    slot: input.slot ?? null,
    chdir: appDir,
    logFile,
    logBackupFile: `${logFile}.old`,
    ...getVassalSettings(env, appDir, category === 'web' ? ROUTER_LISTEN : undefined),
    wsgi: category === 'wsgi' ? createWsgiContext(input) : null,
    router: category === 'web' ? createRouterContext(input) : null,
    daemonCommand: category === 'web' || category === 'worker' ? command : null,
    cron: category === 'cron' ? { schedule: getCronSchedule(entry), command } : null,
    env: getWorkerEnv(env, kind, category === 'web' ? port : undefined),
    // A vassal reloaded in place keeps the process environment, so a removed key must be unset.
    unsetKeys: (input.removedKeys ?? []).filter((key) => ENV_NAME_PATTERN.test(key) && !(key in env)),
  };
  for (const file of [context.chdir, logFile, context.wsgi?.socket ?? '', context.router?.socket ?? '']) {
    validateUwsgiValue('A path under PIKU_ROOT', file);
  }

  return context;
}

function validateSupervised({ kind, category }: ProcfileEntry, port: number | undefined): void {
  if (!SUPERVISED.has(category)) {
    throw PIKU_ERR_RENDER_KIND_NOT_SUPERVISED(kind, category);
  }
  if (category === 'web' && port === undefined) {
    throw PIKU_ERR_RENDER_PORT_MISSING(kind);
  }
}

function createWsgiContext(input: VassalInput): WsgiContext {
  const { entry, env, virtualenv } = input;
  if (!WSGI_MODULE_PATTERN.test(entry.command)) {
    throw PIKU_ERR_RENDER_WSGI_MODULE_INVALID(entry.command);
  }
  if (virtualenv !== undefined) {
    validateUwsgiValue('The virtualenv path', virtualenv);
  }

  return {
    plugin: getPythonPlugin(env),
    module: entry.command,
    socket: getWorkerSocket(input),
    threads: getWholeNumber(env, 'UWSGI_THREADS', { fallback: 4, min: 1, max: 1024 }) ?? 4,
    virtualenv: virtualenv ?? null,
    asyncio: getWholeNumber(env, 'UWSGI_ASYNCIO', { min: 1, max: 100000 }) ?? null,
  };
}

function createRouterContext(input: VassalInput): RouterContext {
  return { socket: getWorkerSocket(input), port: input.port!, timeout: ROUTER_TIMEOUT };
}

function getWorkerSocket({ socket, entry }: VassalInput): string {
  if (socket === undefined) throw new Error(`${entry.category} entry "${entry.kind}" reached the renderer without a socket path.`);
  const bytes = Buffer.byteLength(socket);
  if (bytes > MAX_SOCKET_PATH_BYTES) throw PIKU_ERR_RENDER_SOCKET_PATH_TOO_LONG(socket, bytes, MAX_SOCKET_PATH_BYTES);

  return socket;
}

// The Procfile parser sets the schedule of every cron entry, so a missing one is a bug upstream.
function getCronSchedule(entry: ProcfileEntry): CronSchedule {
  if (entry.schedule === undefined) {
    throw new Error(`Cron entry "${entry.kind}" reached the renderer without a schedule.`);
  }

  return entry.schedule;
}

// The worker's environment: every variable of the app env, then PORT for web workers and PROC_TYPE.
function getWorkerEnv(env: Record<string, string>, kind: string, port: number | undefined): VassalContext['env'] {
  const variables = new Map(Object.entries(env));
  if (port !== undefined) {
    variables.set('PORT', String(port));
  }
  variables.set('PROC_TYPE', kind);

  return [...variables].map(([name, value]) => {
    if (!ENV_NAME_PATTERN.test(name)) {
      throw PIKU_ERR_ENV_NAME_INVALID(name);
    }
    validateUwsgiValue(`Variable ${name}`, value);

    return { name, value };
  });
}
