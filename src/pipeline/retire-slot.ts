// The work of the detached `workers:retire` process. It waits out the drain period, then removes
// the old slot's vassals and sockets. Meanwhile it checks the serving slot's HTTP workers each
// second, and it rolls the app back when one fails DEPLOY_CRASH_LIMIT checks in a row within
// DEPLOY_CRASH_WINDOW.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { parseLiveEnv } from '../config/live-env.js';
import { waitUntilHealthy, type HealthTarget } from '../health/health-check.js';
import { getHealthSettings } from '../health/health-settings.js';
import { getAppPaths, getWorkerSocketPath, type Layout } from '../home/layout.js';
import { removeSlotSockets } from '../nginx/socket-links.js';
import type { Settings } from '../home/settings.js';
import type { Db } from '../store/db.js';
import { insertOutputLine, setDeployNote } from '../store/deploys.js';
import { clearRetirePid, getCurrentSlot, type Slot } from '../store/slots.js';
import { listAppVassals, removeVassalsExcept } from '../uwsgi/vassal-files.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { getRetireSettings } from './retire.js';
import { rollbackApp } from './rollback.js';

export interface RetireRequest {
  app: string;
  /** The slot that stopped serving. */
  slot: Slot;
  /** The deploy that switched slots, for the history note of an automatic rollback. */
  deployId?: number;
  layout: Layout;
  settings: Settings;
  db: Db;
  logger: Logger;
}

export async function retireSlot(request: RetireRequest): Promise<void> {
  const { app, db, layout } = request;
  const paths = getAppPaths(layout, app);
  const env = existsSync(paths.liveEnvFile) ? parseLiveEnv(readFileSync(paths.liveEnvFile, 'utf8')) : {};
  const settings = getRetireSettings(env);
  const health = { ...getHealthSettings(env), attempts: 1 };
  const host = env.NGINX_SERVER_NAME?.split(/[\s,]+/).find((name) => name !== '') ?? 'localhost';
  const failures = new Map<string, number>();
  const started = Date.now();
  let isRetired = false;

  for (;;) {
    const elapsed = (Date.now() - started) / 1000;
    if (!isRetired && elapsed >= settings.drainSeconds) isRetired = await removeSlot(request);
    if (getCurrentSlot(db, app) === request.slot) break;
    if (elapsed >= Math.max(settings.drainSeconds, settings.crashWindowSeconds)) break;

    const crashed = await findCrashedWorker(request, health, host, failures, settings.crashLimit);
    if (crashed !== undefined && elapsed < settings.crashWindowSeconds) {
      await rollBackAutomatically(request, crashed, settings.crashLimit);
      break;
    }
    await sleep(1000);
  }

  clearRetirePid(db, app, process.pid);
}

// Removes the old slot's vassals under the app lock, unless a rollback made that slot serve again.
async function removeSlot({ app, slot, db, layout, logger }: RetireRequest): Promise<boolean> {
  await acquireAppLock({ db, app, holder: 'platform', purpose: `retire slot ${slot}`, notify: () => {} });
  try {
    if (getCurrentSlot(db, app) === slot) return true;

    const keep = listAppVassals(layout, app).filter((name) => !name.endsWith(`.${slot}.ini`));
    const removed = removeVassalsExcept(layout, app, new Set(keep));
    const sockets = removeSlotSockets(layout, app, slot);
    logger.info({ app, slot, removed, sockets }, 'old slot retired');

    return true;
  } finally {
    releaseAppLock(db, app);
  }
}

// Checks each serving HTTP worker once. Returns "kind.n" of a worker that failed `limit` times in a row.
async function findCrashedWorker(
  { app, db, layout }: RetireRequest,
  health: ReturnType<typeof getHealthSettings>,
  host: string,
  failures: Map<string, number>,
  limit: number,
): Promise<string | undefined> {
  const slot = getCurrentSlot(db, app);
  if (slot === undefined || existsSync(getAppPaths(layout, app).stoppedMarker)) return undefined;

  // Only the workers the emperor runs: uwsgi-available/ also keeps the copies of a stopped app.
  const running = existsSync(layout.uwsgiEnabled) ? readdirSync(layout.uwsgiEnabled) : [];
  for (const name of listAppVassals(layout, app).filter((candidate) => candidate.endsWith(`.${slot}.ini`) && running.includes(candidate))) {
    const match = /_([A-Za-z][A-Za-z0-9-]*)\.(\d+)\.(blue|green)\.ini$/.exec(name);
    if (match === null) continue;
    const [, kind, index] = match;
    const target = getTarget(db, layout, app, kind!, Number(index), slot);
    if (target === undefined) continue;

    const result = await waitUntilHealthy(target, health, host, { pollsUntilListening: false });
    const worker = `${kind}.${index}`;
    failures.set(worker, result.healthy ? 0 : (failures.get(worker) ?? 0) + 1);
    if ((failures.get(worker) ?? 0) >= limit) return worker;
  }

  return undefined;
}

function getTarget(db: Db, layout: Layout, app: string, kind: string, index: number, slot: Slot): HealthTarget | undefined {
  const row = db.prepare('SELECT port FROM ports WHERE app = ? AND kind = ? AND worker_index = ? AND slot = ?').get(app, kind, index, slot) as
    | { port: number }
    | undefined;
  if (row !== undefined) return { kind: 'http', port: row.port };

  const socket = getWorkerSocketPath(layout, app, 'wsgi', index, slot);

  return existsSync(socket) ? { kind: 'uwsgi', socket } : undefined;
}

async function rollBackAutomatically(request: RetireRequest, worker: string, limit: number): Promise<void> {
  const note = `automatic rollback: worker ${worker} failed ${limit} health checks in a row after the release went live`;
  // The rollback's own lines are stored under its deploy id, and this detached process has no reader.
  const stream = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  request.logger.warn({ app: request.app, worker }, 'worker crash-loops after the switch: rolling back');

  const result = await rollbackApp({ ...request, identity: { fingerprint: 'platform', name: 'platform' }, stream, note });
  if (request.deployId !== undefined) {
    setDeployNote(request.db, request.deployId, `${note}; rollback ${result.deployId} ${result.succeeded ? 'succeeded' : 'failed'}`);
    insertOutputLine(request.db, request.deployId, null, ` !     Worker ${worker} failed ${limit} health checks in a row after going live: rolled back (rollback ${result.deployId}, ${result.succeeded ? 'succeeded' : 'failed'}).`);
  }
}
