// Step health-check: waits until every new HTTP worker passes its health check (HEALTHCHECK_* in
// the app's ENV), before nginx sends it any traffic.
// Reads: the new slot's workers, their ports and sockets. Fails when a worker does not pass within
// its attempts: the new workers are stopped, nginx is untouched and the old release keeps serving;
// the failure shows the check's last result and the worker's last log lines.
import { existsSync, readFileSync } from 'node:fs';
import { PIKU_ERR_HEALTH_CHECK_FAILED } from '../../errors/codes.js';
import { waitUntilHealthy, type HealthTarget } from '../../health/health-check.js';
import { getHealthSettings } from '../../health/health-settings.js';
import { getWorkerLogPath, getWorkerSocketPath } from '../../home/layout.js';
import { hasCutover, stopNewWorkers } from '../app-running.js';
import { getRetireSettings } from '../retire.js';
import { requireField, type DeployContext, type Step, type Worker } from '../types.js';
import { isHttpWorker } from './render.js';

const LOG_LINES_SHOWN = 20;

export const healthCheckStep: Step = {
  name: 'health-check',
  title: () => 'Checking the new workers',
  run: async (context: DeployContext) => {
    getRetireSettings(requireField(context, 'env'));
    if (!hasCutover(context)) {
      context.output.detail('No new HTTP workers to check');

      return;
    }

    const settings = getHealthSettings(requireField(context, 'env'));
    const host = context.env?.NGINX_SERVER_NAME?.split(/[\s,]+/).find((name) => name !== '') ?? 'localhost';
    const workers = requireField(context, 'workers').filter(isHttpWorker);
    const results = await Promise.all(workers.map(async (worker) => ({ worker, result: await waitUntilHealthy(getHealthTarget(context, worker), settings, host) })));

    const failed = results.find(({ result }) => !result.healthy);
    for (const { worker, result } of results) {
      context.output.detail(`${worker.entry.kind}.${worker.index}: ${result.healthy ? 'healthy' : 'failed'} after ${result.attempts} attempt(s), ${result.lastResult}`);
    }
    if (failed === undefined) return;

    stopNewWorkers(context);
    showLogTail(context, failed.worker);
    throw PIKU_ERR_HEALTH_CHECK_FAILED(`${failed.worker.entry.kind}.${failed.worker.index}`, settings.path, failed.result.lastResult);
  },
};

// Returns where a health check reaches an HTTP worker: its port, or its wsgi socket.
export function getHealthTarget(context: DeployContext, worker: Worker): HealthTarget {
  if (worker.entry.category === 'web') return { kind: 'http', port: worker.port! };

  return { kind: 'uwsgi', socket: getWorkerSocketPath(context.layout, context.app, 'wsgi', worker.index, worker.slot!) };
}

function showLogTail(context: DeployContext, worker: Worker): void {
  const file = getWorkerLogPath(context.layout, context.app, worker.entry.kind, worker.index);
  if (!existsSync(file)) return;

  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-LOG_LINES_SHOWN);
  context.output.detail(`Last lines of ${worker.entry.kind}.${worker.index}.log:`);
  for (const line of lines) context.output.detail(`  ${line}`);
}
