// Step start-workers: starts the new release's HTTP workers (wsgi, web) in the slot that is not
// serving, beside the running ones, which keep serving. nginx does not know the new ones yet.
// Reads: the rendered HTTP vassals and the slot. Stops a retirement still pending from the last
// deploy first, because it would stop the workers this step starts. Fails only on a file error;
// the health-check step removes the new workers when they do not respond.
import { mkdirSync } from 'node:fs';
import { PIKU_ERR_WORKERS_STOP_TIMEOUT } from '../../errors/codes.js';
import { waitUntilClosed } from '../../health/health-check.js';
import { waitForWorkersGone } from '../../uwsgi/emperor-state.js';
import { listAppVassals, removeVassalsExcept, writeVassals } from '../../uwsgi/vassal-files.js';
import { stopPendingRetirement } from '../retire.js';
import { hasCutover } from '../app-running.js';
import { requireField, type DeployContext, type Step } from '../types.js';
import { getHealthTarget } from './health-check.js';
import { isHttpWorker } from './render.js';

const STALE_STOP_TIMEOUT_MS = 30_000;

export const startWorkersStep: Step = {
  name: 'start-workers',
  title: (context) => (hasCutover(context) ? `Starting new HTTP workers in slot ${context.slot}` : 'Starting new HTTP workers: none needed'),
  run: async (context: DeployContext) => {
    const { paths } = context;
    for (const directory of [paths.env, paths.data, paths.cache, paths.logs]) mkdirSync(directory, { recursive: true });
    if (!hasCutover(context)) return;

    if (stopPendingRetirement(context.db, context.app)) context.output.detail('Stopped the retirement of the previous slot: a newer release replaces it');
    await stopStaleWorkers(context);
    const files = requireField(context, 'httpVassals');
    context.startedVassals = files.map((file) => file.name);
    writeVassals(context.layout, files, { enable: true, restartUnchanged: true });
    context.output.detail(files.map((file) => file.name).join(', '));
  },
};

// Workers of the idle slot still running must be gone before the new ones start. Otherwise the
// health check would reach an old process on the same port or socket, and the emperor would
// restart that process only after nginx had switched. They are either vassals of a retirement that had not
// finished, or vassals just removed whose processes the emperor has not stopped yet.
async function stopStaleWorkers(context: DeployContext): Promise<void> {
  const slot = requireField(context, 'slot');
  const stale = listAppVassals(context.layout, context.app).filter((name) => name.endsWith(`.${slot}.ini`));
  if (stale.length > 0) {
    removeVassalsExcept(context.layout, context.app, new Set(listAppVassals(context.layout, context.app).filter((name) => !stale.includes(name))));
  }

  const targets = requireField(context, 'workers')
    .filter(isHttpWorker)
    .map((worker) => getHealthTarget(context, worker));
  const closed = await Promise.all(targets.map((target) => waitUntilClosed(target, STALE_STOP_TIMEOUT_MS)));
  if (closed.includes(false)) throw PIKU_ERR_WORKERS_STOP_TIMEOUT(context.app, slot, STALE_STOP_TIMEOUT_MS / 1000);
  // Retirement removes a slot's sockets before its masters exit, so a closed socket does not prove
  // them gone. The emperor must not still be stopping a vassal of a name that is about to start.
  const running = await waitForWorkersGone(context.layout, context.app, STALE_STOP_TIMEOUT_MS, slot);
  if (running.length > 0) throw PIKU_ERR_WORKERS_STOP_TIMEOUT(context.app, slot, STALE_STOP_TIMEOUT_MS / 1000);
  if (stale.length > 0) context.output.detail(`Stopped the old workers of slot ${slot}: ${stale.join(', ')}`);
}
