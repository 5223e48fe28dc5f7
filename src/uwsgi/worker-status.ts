// The status that `ps` shows: each kind of the live Procfile with its count and, per worker, whether
// its process runs according to /proc (not only whether its vassal file exists). An HTTP worker
// counts in the serving slot; during a cutover its twin in the other slot shows as a row of its own.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { getWorkerCount, readScaling } from '../config/scaling.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import { getNextCronRun } from '../procfile/cron.js';
import { PROCESS_CATEGORIES, readLiveProcfile } from '../procfile/live-procfile.js';
import type { ProcfileEntry } from '../procfile/types.js';
import type { Slot } from '../store/slots.js';
import { listRunningWorkers, type RunningWorker } from './emperor-state.js';

// A "draining" worker is an old HTTP worker that finishes its requests before the retirement stops
// it. A worker "not serving" was started by a cutover that has not switched nginx to it yet.
export type WorkerState = 'running' | 'not running' | 'stopped' | 'draining' | 'not serving';

export interface WorkerStatus {
  /** "web.1" */
  label: string;
  state: WorkerState;
  pid?: number;
  port?: number;
  /** Slot of an HTTP worker that is not in the serving slot. */
  slot?: Slot;
  /** Cron workers of a running app: when uwsgi runs the command next (null: never). */
  nextRun?: Date | null;
}

export interface KindStatus {
  entry: ProcfileEntry;
  /** Workers of a process kind; null for kinds nothing runs (static, release, preflight). */
  count: number | null;
  /** The `count` workers of the kind, then its running workers of the slot that is not serving. */
  workers: WorkerStatus[];
}

export interface AppStatusOptions {
  /** Ports of the serving web workers, "web.1" -> 20001. */
  ports: Map<string, number>;
  /** The slot nginx sends requests to; undefined for an app without HTTP workers. */
  slot?: Slot;
  /** True while a retirement is pending, so workers of the other slot are old ones. */
  isDraining?: boolean;
  now?: Date;
}

export interface AppStatus {
  isStopped: boolean;
  /** Name of the live release directory, e.g. "3". */
  release: string;
  kinds: KindStatus[];
}

// Reads the app's kinds, counts and live processes.
export function getAppStatus(layout: Layout, app: string, { ports, slot, isDraining = false, now = new Date() }: AppStatusOptions): AppStatus {
  const paths = getAppPaths(layout, app);
  const procfile = readLiveProcfile(layout, app);
  const scaling = readScaling(paths.scalingFile);
  const isStopped = existsSync(paths.stoppedMarker);
  // A worker without a slot in its title is not an HTTP worker, or one started before slots existed.
  const processes = listRunningWorkers(layout, app);
  const isServing = (worker: RunningWorker) => worker.slot === undefined || slot === undefined || worker.slot === slot;
  const running = new Map(processes.filter(isServing).map((worker) => [`${worker.kind}.${worker.index}`, worker]));
  const others = processes.filter((worker) => !isServing(worker));

  const kinds = procfile.entries.map((entry): KindStatus => {
    if (!PROCESS_CATEGORIES.has(entry.category)) return { entry, count: null, workers: [] };

    const count = getWorkerCount(scaling, entry.kind);
    const workers = Array.from({ length: count }, (_, offset) => getWorkerStatus(entry, offset + 1, { isStopped, running, ports, now }));
    const twins = others.filter((worker) => worker.kind === entry.kind).map((worker) => getOtherSlotStatus(worker, isDraining));

    return { entry, count, workers: [...workers, ...twins] };
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

function getOtherSlotStatus(worker: RunningWorker, isDraining: boolean): WorkerStatus {
  return { label: `${worker.kind}.${worker.index}`, state: isDraining ? 'draining' : 'not serving', pid: worker.pid, slot: worker.slot };
}
