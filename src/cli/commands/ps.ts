// ps APP: list the app's kinds with their worker counts and, per worker, whether its process runs,
// its PID, its port (web) or its next run (cron). Static kinds show what nginx serves. During a
// cutover an HTTP worker of the slot that is not serving gets a row of its own, e.g. "draining".
import { openDatabase } from '../../store/db.js';
import { isProcessAlive } from '../../store/locks.js';
import { getAppPorts } from '../../store/ports.js';
import { getCurrentSlot, getRetirePid } from '../../store/slots.js';
import { getAppStatus, type KindStatus, type WorkerStatus } from '../../uwsgi/worker-status.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { formatTable } from '../table.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('ps', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const db = openDatabase(context.layout);
  const ports = getAppPorts(db, app);
  const slot = getCurrentSlot(db, app);
  const retirePid = getRetirePid(db, app);
  db.close();
  const status = getAppStatus(context.layout, app, { ports, slot, isDraining: retirePid !== null && isProcessAlive(retirePid) });

  const summary = status.isStopped
    ? `App "${app}" is stopped (release ${status.release}): run "restart ${app}" to start it.`
    : `App "${app}" runs release ${status.release}.`;
  context.stdout.write(`${summary}\n${formatTable(['KIND', 'WORKER', 'STATE', 'PID', 'DETAIL'], status.kinds.flatMap(formatKind))}`);

  return 0;
}

function formatKind({ entry, count, workers }: KindStatus): string[][] {
  if (count === null) return [[entry.kind, '-', entry.category === 'static' ? 'served by nginx' : `runs at each deploy`, '-', entry.command]];

  const rows = workers.map((worker) => [entry.kind, worker.label, worker.state, worker.pid === undefined ? '-' : String(worker.pid), getDetail(worker)]);

  return count === 0 ? [[entry.kind, '-', 'scaled to 0', '-', ''], ...rows] : rows;
}

function getDetail(worker: WorkerStatus): string {
  if (worker.slot !== undefined) return `slot ${worker.slot}`;
  if (worker.port !== undefined) return `port ${worker.port}`;
  if (worker.nextRun === null) return 'never runs';
  if (worker.nextRun !== undefined) return `next run ${formatUtc(worker.nextRun)}`;

  return '';
}

// "2025-06-01 03:00 UTC": uwsgi schedules in the host's local time, shown here in UTC to be unambiguous.
function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
