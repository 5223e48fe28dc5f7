// The status that `ps` shows: each kind of the live Procfile with its count and, per worker, whether
// its process runs according to /proc (not only whether its vassal file exists).
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { getWorkerCount, readScaling } from '../config/scaling.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import { getNextCronRun } from '../procfile/cron.js';
import { PROCESS_CATEGORIES, readLiveProcfile } from '../procfile/live-procfile.js';
import type { ProcfileEntry } from '../procfile/types.js';
import { listRunningWorkers, type RunningWorker } from './emperor-state.js';

export type WorkerState = 'running' | 'not running' | 'stopped';

export interface WorkerStatus {
  /** "web.1" */
  label: string;
  state: WorkerState;
  pid?: number;
  port?: number;
  /** Cron workers of a running app: when uwsgi runs the command next (null: never). */
  nextRun?: Date | null;
}

export interface KindStatus {
  entry: ProcfileEntry;
  /** Workers of a process kind; null for kinds nothing runs (static, release, preflight). */
  count: number | null;
  workers: WorkerStatus[];
}

export interface AppStatus {
  isStopped: boolean;
  /** Name of the live release directory, e.g. "3". */
  release: string;
  kinds: KindStatus[];
}

// Reads the app's kinds, counts and live processes. `ports` maps "web.1" to its port.
export function getAppStatus(layout: Layout, app: string, ports: Map<string, number>, now = new Date()): AppStatus {
  const paths = getAppPaths(layout, app);
  const procfile = readLiveProcfile(layout, app);
  const scaling = readScaling(paths.scalingFile);
  const isStopped = existsSync(paths.stoppedMarker);
  const running = new Map(listRunningWorkers(layout, app).map((worker) => [`${worker.kind}.${worker.index}`, worker]));

  const kinds = procfile.entries.map((entry): KindStatus => {
    if (!PROCESS_CATEGORIES.has(entry.category)) return { entry, count: null, workers: [] };

    const count = getWorkerCount(scaling, entry.kind);
    const workers = Array.from({ length: count }, (_, offset) => getWorkerStatus(entry, offset + 1, { isStopped, running, ports, now }));

    return { entry, count, workers };
  });

  return { isStopped, release: path.basename(realpathSync(paths.live)), kinds };
}

interface WorkerLookup {
  isStopped: boolean;
  running: Map<string, RunningWorker>;
  ports: Map<string, number>;
  now: Date;
}

function getWorkerStatus(entry: ProcfileEntry, index: number, { isStopped, running, ports, now }: WorkerLookup): WorkerStatus {
  const label = `${entry.kind}.${index}`;
  const process = running.get(label);
  let state: WorkerState = isStopped ? 'stopped' : 'not running';
  // A worker still shutting down after `stop` shows as running, because it is.
  if (process !== undefined) state = 'running';
  const status: WorkerStatus = { label, state, pid: process?.pid, port: ports.get(label) };
  if (entry.schedule !== undefined && state === 'running') status.nextRun = getNextCronRun(entry.schedule, now);

  return status;
}
