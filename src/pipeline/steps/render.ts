// Step render: renders a uwsgi vassal per worker and, when NGINX_SERVER_NAME is set, the nginx vhost.
// HTTP workers (wsgi, web) are rendered for a slot: a deploy, a restart or a rollback always uses
// the slot that is not serving, so the new workers can start beside the old ones; a config or
// scale change keeps the serving slot when it leaves every HTTP vassal as it is.
// Reads: the Procfile, SCALING, the app's environment, LIVE_ENV, the stored ports and slot. Fails
// when a setting or an ENV value cannot be written safely into the config files; nothing is
// written to disk here.
import { existsSync, readFileSync } from 'node:fs';
import { parseBoolean } from '../../config/booleans.js';
import { getWorkerCount, readScaling } from '../../config/scaling.js';
import { parseLiveEnv } from '../../config/live-env.js';
import { getVassalName, getWorkerSocketLink, getWorkerSocketPath, type SocketKind } from '../../home/layout.js';
import { requireWebRouters, type LinkedWorker } from '../../nginx/socket-links.js';
import { createVassalContext, renderVassal } from '../../render/vassal.js';
import { createVhostContext, renderVhost } from '../../render/vhost.js';
import { getOrAllocatePort } from '../../store/ports.js';
import { getCurrentSlot, getOtherSlot, type Slot } from '../../store/slots.js';
import { isVassalEnabledWith, listAppVassals } from '../../uwsgi/vassal-files.js';
import { requireField, type DeployContext, type RenderedFile, type Step, type Worker } from '../types.js';

export const renderStep: Step = {
  name: 'render',
  title: () => 'Rendering uwsgi and nginx configuration',
  run: async (context) => {
    const current = getCurrentSlot(context.db, context.app);
    const slot = chooseSlot(context, current);
    const workers = getWorkers(context, slot);
    const vassals = workers.map((worker) => ({ worker, file: renderWorker(context, worker) }));
    context.slot = slot;
    context.previousSlot = current;
    context.workers = workers;
    context.httpVassals = vassals.filter(({ worker }) => isHttpWorker(worker)).map(({ file }) => file);
    context.vassals = vassals.map(({ file }) => file);
    for (const vassal of context.vassals) context.output.detail(vassal.name);

    context.vhost = renderAppVhost(context, workers);
    context.output.detail(context.vhost === null ? 'No NGINX_SERVER_NAME: no vhost' : `nginx vhost for ${context.env?.NGINX_SERVER_NAME}`);
  },
};

const PROCESS_CATEGORIES = new Set(['wsgi', 'web', 'worker', 'cron']);

export function isHttpWorker(worker: Worker): boolean {
  return worker.entry.category === 'wsgi' || worker.entry.category === 'web';
}

// The HTTP workers of `workers`, which nginx reaches through a socket link each.
export function getLinkedWorkers(workers: Worker[]): LinkedWorker[] {
  return workers.flatMap((worker) => {
    const kind = getSocketKind(worker);

    return kind !== undefined && worker.slot !== undefined ? [{ kind, index: worker.index, slot: worker.slot }] : [];
  });
}

// The socket kind of an HTTP worker (its category), or undefined for other workers.
function getSocketKind(worker: Worker): SocketKind | undefined {
  return isHttpWorker(worker) ? (worker.entry.category as SocketKind) : undefined;
}

// A run that builds or restarts needs fresh HTTP workers; a config or scale change needs them only
// when it changes one of their vassals (or which of them exist).
function chooseSlot(context: DeployContext, current: Slot | undefined): Slot {
  const isRestart = context.deployId !== undefined || context.startsApp;
  const keepsWorkers = context.ref.startsWith('refs/') && !parseBoolean('PIKU_AUTO_RESTART', context.env?.PIKU_AUTO_RESTART, true);
  if (keepsWorkers && current !== undefined) {
    // The vhost will point nginx at the kept workers' router sockets, so they must have them.
    requireWebRouters(context.layout, context.app, getLinkedWorkers(getWorkers(context, current)));

    return current;
  }
  if (isRestart || current === undefined) return getOtherSlot(current);

  const files = getWorkers(context, current)
    .filter(isHttpWorker)
    .map((worker) => renderWorker(context, worker));
  const enabled = listAppVassals(context.layout, context.app).filter((name) => name.endsWith(`.${current}.ini`));
  const isUnchanged =
    files.length === enabled.length && files.every((file) => enabled.includes(file.name) && isVassalEnabledWith(context.layout, file));

  return isUnchanged ? current : getOtherSlot(current);
}

// Workers of every process kind, numbered from 1 per kind; HTTP workers belong to `slot`, and each
// web worker gets the stored port of its slot.
function getWorkers(context: DeployContext, slot: Slot): Worker[] {
  const scaling = readScaling(context.paths.scalingFile);
  const workers: Worker[] = [];
  for (const entry of requireField(context, 'procfile').entries) {
    if (!PROCESS_CATEGORIES.has(entry.category)) continue;

    for (let index = 1; index <= getWorkerCount(scaling, entry.kind); index++) {
      const isHttp = entry.category === 'wsgi' || entry.category === 'web';
      const port = entry.category === 'web' ? getOrAllocatePort(context.db, context.settings.portRange, context.app, entry.kind, index, slot) : undefined;
      workers.push({ entry, index, port, slot: isHttp ? slot : undefined });
    }
  }

  return workers;
}

function renderWorker(context: DeployContext, worker: Worker): RenderedFile {
  const { layout, app } = context;
  const socketKind = getSocketKind(worker);
  const vassal = createVassalContext({
    app,
    entry: worker.entry,
    index: worker.index,
    slot: worker.slot,
    layout,
    env: { ...requireField(context, 'env'), PWD: context.releaseDir },
    port: worker.port,
    virtualenv: context.virtualenv,
    codeDir: context.releaseDir,
    socket: socketKind === undefined ? undefined : getWorkerSocketPath(layout, app, socketKind, worker.index, worker.slot!),
    removedKeys: getLiveKeys(context),
  });

  return { name: getVassalName(app, worker.entry.kind, worker.index, worker.slot), text: renderVassal(vassal) };
}

// Keys of the environment the workers were last started with.
function getLiveKeys(context: DeployContext): string[] {
  if (!existsSync(context.paths.liveEnvFile)) return [];

  return Object.keys(parseLiveEnv(readFileSync(context.paths.liveEnvFile, 'utf8')));
}

// The vhost that sends requests to `slot`'s HTTP workers, with those workers, for a run that leaves
// the workers alone.
export function renderVhostForSlot(context: DeployContext, slot: Slot): { vhost: string | null; workers: Worker[] } {
  const workers = getWorkers(context, slot);

  return { vhost: renderAppVhost(context, workers), workers };
}

function renderAppVhost(context: DeployContext, workers: Worker[]): string | null {
  const { layout, app } = context;
  const vhost = createVhostContext({
    app,
    layout,
    env: requireField(context, 'env'),
    entries: requireField(context, 'procfile').entries,
    webSockets: getSocketLinks(context, workers, 'web'),
    wsgiSockets: getSocketLinks(context, workers, 'wsgi'),
    releaseDir: context.paths.live,
    codeDir: context.releaseDir,
    settings: {
      httpPort: context.settings.httpPort,
      httpsPort: context.settings.httpsPort,
      ipv4Address: context.settings.nginxIPv4Address,
      ipv6Address: context.settings.nginxIPv6Address,
    },
  });

  return vhost === null ? null : renderVhost(vhost);
}

function getSocketLinks(context: DeployContext, workers: Worker[], kind: SocketKind): string[] {
  return getLinkedWorkers(workers)
    .filter((worker) => worker.kind === kind)
    .map((worker) => getWorkerSocketLink(context.layout, context.app, kind, worker.index));
}
