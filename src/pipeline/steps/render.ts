// Step render: renders a uwsgi vassal per worker and, when NGINX_SERVER_NAME is set, the nginx vhost.
// Reads: the Procfile, SCALING, the app's environment, the stored ports. Fails when a setting or
// an ENV value cannot be written safely into the config files; nothing is written to disk here.
import { getWorkerCount, readScaling } from '../../config/scaling.js';
import { getVassalName, getWsgiSocketPath } from '../../home/layout.js';
import { createVassalContext, renderVassal } from '../../render/vassal.js';
import { createVhostContext, renderVhost } from '../../render/vhost.js';
import { getOrAllocatePort } from '../../store/ports.js';
import { requireField, type DeployContext, type RenderedFile, type Step, type Worker } from '../types.js';

export const renderStep: Step = {
  name: 'render',
  title: () => 'Rendering uwsgi and nginx configuration',
  run: async (context) => {
    const workers = getWorkers(context);
    context.workers = workers;
    context.vassals = workers.map((worker) => renderWorker(context, worker));
    for (const vassal of context.vassals) context.output.detail(vassal.name);

    context.vhost = renderAppVhost(context, workers);
    context.output.detail(context.vhost === null ? 'No NGINX_SERVER_NAME: no vhost' : `nginx vhost for ${context.env?.NGINX_SERVER_NAME}`);
  },
};

const PROCESS_CATEGORIES = new Set(['wsgi', 'web', 'worker', 'cron']);

// Workers of every process kind, numbered from 1 per kind, with a stored port for each web worker.
function getWorkers(context: DeployContext): Worker[] {
  const scaling = readScaling(context.paths.scalingFile);
  const workers: Worker[] = [];
  for (const entry of requireField(context, 'procfile').entries) {
    if (!PROCESS_CATEGORIES.has(entry.category)) continue;

    for (let index = 1; index <= getWorkerCount(scaling, entry.kind); index++) {
      const port = entry.category === 'web' ? getOrAllocatePort(context.db, context.settings.portRange, context.app, entry.kind, index) : undefined;
      workers.push({ entry, index, port });
    }
  }

  return workers;
}

function renderWorker(context: DeployContext, worker: Worker): RenderedFile {
  const vassal = createVassalContext({
    app: context.app,
    entry: worker.entry,
    index: worker.index,
    layout: context.layout,
    env: { ...requireField(context, 'env'), PWD: context.paths.live },
    port: worker.port,
    virtualenv: context.virtualenv,
  });

  return { name: getVassalName(context.app, worker.entry.kind, worker.index), text: renderVassal(vassal) };
}

function renderAppVhost(context: DeployContext, workers: Worker[]): string | null {
  const vhost = createVhostContext({
    app: context.app,
    layout: context.layout,
    env: requireField(context, 'env'),
    entries: requireField(context, 'procfile').entries,
    webPorts: workers.flatMap((worker) => (worker.port === undefined ? [] : [worker.port])),
    wsgiSockets: workers.filter((worker) => worker.entry.category === 'wsgi').map((worker) => getWsgiSocketPath(context.layout, context.app, worker.index)),
    releaseDir: context.paths.live,
    settings: {
      httpPort: context.settings.httpPort,
      ipv4Address: context.settings.nginxIPv4Address,
      ipv6Address: context.settings.nginxIPv6Address,
    },
  });

  return vhost === null ? null : renderVhost(vhost);
}
