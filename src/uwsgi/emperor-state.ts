// Which workers the emperor runs right now, read from /proc rather than from the vassal files,
// because a vassal file only states what should run. Each vassal sets `procname-prefix-spaced =
// <app>:<kind>.<n>`, followed by `.<slot>` for an HTTP worker, so its master's title is e.g.
// "blog:worker.1 uWSGI master" or "blog:web.1.green uWSGI master" (uwsgi 2.0 rewrites argv, which
// /proc/<pid>/cmdline shows). Workers of another PIKU_ROOT on the same host carry the same titles,
// so a process counts only when its working directory, the app's release, lies under this root.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Layout } from '../home/layout.js';
import type { Slot } from '../store/slots.js';
import { readEmperorVassals } from './emperor-socket.js';
import { getVassalApp } from './vassal-files.js';

export interface RunningWorker {
  app: string;
  kind: string;
  index: number;
  /** Slot of an HTTP worker; during a cutover the same worker runs in both slots. */
  slot?: Slot;
  /** PID of the vassal's master process, or of another of its processes when no master shows. */
  pid: number;
}

const TITLE_PATTERN = /^([a-z0-9][a-z0-9._-]*):([A-Za-z][A-Za-z0-9-]*)\.(\d+)(?:\.(blue|green))? uWSGI\b/;
const POLL_MS = 250;
const MAX_SCANNED_PROCESSES = 250;

// Lists the live vassals of this platform root, of one app when `app` is given, sorted by name.
export function listRunningWorkers(layout: Layout, app?: string, pids = listPids()): RunningWorker[] {
  const root = getRealRoot(layout);
  // Every process of a vassal carries its title, so the processes are grouped by worker first.
  const candidates = new Map<string, Array<RunningWorker & { isMaster: boolean }>>();
  for (const pid of pids) {
    const title = readProcessTitle(pid);
    const parsed = title === undefined ? undefined : parseProcessTitle(title);
    if (parsed === undefined || (app !== undefined && parsed.app !== app)) continue;

    const name = `${parsed.app}:${formatWorkerName(parsed)}`;
    const list = candidates.get(name) ?? [];
    list.push({ ...parsed, pid, isMaster: title!.endsWith(' uWSGI master') });
    candidates.set(name, list);
  }

  // Only the chosen process of each worker is checked against the root, so that a host with
  // hundreds of workers reads /proc once per worker, not once per process.
  const workers: RunningWorker[] = [];
  for (const list of candidates.values()) {
    list.sort((a, b) => Number(b.isMaster) - Number(a.isMaster));
    const chosen = list.find((candidate) => isUnderRoot(candidate.pid, root) && !isZombie(candidate.pid));
    if (chosen !== undefined) workers.push({ app: chosen.app, kind: chosen.kind, index: chosen.index, ...(chosen.slot === undefined ? {} : { slot: chosen.slot }), pid: chosen.pid });
  }

  return workers
    .sort((a, b) => a.app.localeCompare(b.app) || a.kind.localeCompare(b.kind) || a.index - b.index || (a.slot ?? '').localeCompare(b.slot ?? ''));
}

// Reads "blog:web.1.green uWSGI master" as app "blog", kind "web", worker 1, slot "green", and
// "blog:worker.1 uWSGI master" without a slot; other titles give undefined.
export function parseProcessTitle(title: string): Omit<RunningWorker, 'pid'> | undefined {
  const match = TITLE_PATTERN.exec(title);
  if (match === null) return undefined;

  const worker = { app: match[1]!, kind: match[2]!, index: Number(match[3]) };

  return match[4] === undefined ? worker : { ...worker, slot: match[4] as Slot };
}

// Waits until no worker of the app runs, or none of `slot` when given, and returns those still
// running when time is up.
export async function waitForWorkersGone(layout: Layout, app: string, timeoutMs: number, slot?: Slot): Promise<RunningWorker[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = listRunningWorkers(layout, app).filter((worker) => slot === undefined || worker.slot === slot);
    if (running.length === 0 || Date.now() >= deadline) return running;

    await sleep(POLL_MS);
  }
}

// "web.1.green (PID 812), worker.1 (PID 813)", for messages.
export function formatWorkers(workers: RunningWorker[]): string {
  return workers.map((worker) => `${formatWorkerName(worker)} (PID ${worker.pid})`).join(', ');
}

// "web.1.green" for an HTTP worker, "worker.1" for the others.
function formatWorkerName({ kind, index, slot }: Omit<RunningWorker, 'app' | 'pid'>): string {
  return slot === undefined ? `${kind}.${index}` : `${kind}.${index}.${slot}`;
}

function getRealRoot(layout: Layout): string {
  try {
    return realpathSync(layout.root);
  } catch {
    return layout.root;
  }
}

function listPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

// A process can exit between listing /proc and reading it, and another user's process can be
// unreadable; both count as not ours.
function readProcessTitle(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+/g, ' ').trim();
  } catch {
    return undefined;
  }
}

function isUnderRoot(pid: number, root: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/cwd`).startsWith(`${root}${path.sep}`);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    // The state follows the parenthesised command name, which may itself contain ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');

    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

// Counts the live workers of each app. The /proc scan costs about 10 to 25 us per process on the
// development machine, and the emperor's stats about 5 ms (loading node:net, then a round trip).
// So a host with up to `maxScannedProcesses` processes is scanned, and a larger one reads the
// stats, falling back to the scan when the socket is missing.
export async function countRunningWorkers(layout: Layout, maxScannedProcesses = MAX_SCANNED_PROCESSES): Promise<Map<string, number>> {
  const pids = listPids();
  if (pids.length <= maxScannedProcesses) return countWorkersFromProc(layout, pids);

  return (await countWorkersFromStats(layout)) ?? countWorkersFromProc(layout, pids);
}

// Counts the live workers of each app from the emperor's stats, or returns undefined without them.
export async function countWorkersFromStats(layout: Layout): Promise<Map<string, number> | undefined> {
  const vassals = await readEmperorVassals(layout);
  if (vassals === undefined) return undefined;

  const counts = new Map<string, number>();
  for (const { name, pid } of vassals) {
    const app = getVassalApp(name);
    if (app !== undefined && pid > 0 && !isZombie(pid)) counts.set(app, (counts.get(app) ?? 0) + 1);
  }

  return counts;
}

// Counts the live workers of each app from the /proc scan.
export function countWorkersFromProc(layout: Layout, pids = listPids()): Map<string, number> {
  const counts = new Map<string, number>();
  for (const worker of listRunningWorkers(layout, undefined, pids)) counts.set(worker.app, (counts.get(worker.app) ?? 0) + 1);

  return counts;
}
