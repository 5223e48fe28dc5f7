// Ports of web workers. Each (app, kind, worker index, slot) gets a port once, from the platform's
// range, and keeps it across deploys; the table's primary key makes two apps sharing a port
// impossible, and the two slots let the old and the new workers listen side by side in a cutover.
import { PIKU_ERR_PORTS_EXHAUSTED } from '../errors/codes.js';
import type { Db } from './db.js';
import type { Slot } from './slots.js';

export interface PortRange {
  low: number;
  high: number;
}

// Returns the stored port of the worker, or allocates the lowest free one in the range.
export function getOrAllocatePort(db: Db, range: PortRange, app: string, kind: string, index: number, slot: Slot): number {
  return db
    .transaction(() => {
      const existing = db.prepare('SELECT port FROM ports WHERE app = ? AND kind = ? AND worker_index = ? AND slot = ?').get(app, kind, index, slot) as
        | { port: number }
        | undefined;
      if (existing !== undefined && existing.port >= range.low && existing.port <= range.high) return existing.port;

      const taken = new Set((db.prepare('SELECT port FROM ports').all() as Array<{ port: number }>).map((row) => row.port));
      let port = range.low;
      while (taken.has(port) && port <= range.high) port++;
      if (port > range.high) throw PIKU_ERR_PORTS_EXHAUSTED(`${range.low}-${range.high}`);

      db.prepare('DELETE FROM ports WHERE app = ? AND kind = ? AND worker_index = ? AND slot = ?').run(app, kind, index, slot);
      db.prepare('INSERT INTO ports (port, app, kind, worker_index, slot) VALUES (?, ?, ?, ?, ?)').run(port, app, kind, index, slot);

      return port;
    })
    .immediate();
}

// Frees the ports of workers that no longer exist, e.g. after scaling down or removing a kind.
export function releasePortsExcept(db: Db, app: string, keep: Array<{ kind: string; index: number }>): void {
  const rows = db.prepare('SELECT port, kind, worker_index AS workerIndex FROM ports WHERE app = ?').all(app) as Array<{
    port: number;
    kind: string;
    workerIndex: number;
  }>;
  const remove = db.prepare('DELETE FROM ports WHERE port = ?');
  for (const row of rows) {
    if (!keep.some((worker) => worker.kind === row.kind && worker.index === row.workerIndex)) remove.run(row.port);
  }
}

// Ports of the app's serving web workers by "kind.index", e.g. "web.2" -> 20001, without allocating any.
export function getAppPorts(db: Db, app: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT port, kind, worker_index AS workerIndex FROM ports
       WHERE app = ? AND slot = COALESCE((SELECT slot FROM app_slots WHERE app = ?), 'blue')`,
    )
    .all(app, app) as Array<{ port: number; kind: string; workerIndex: number }>;

  return new Map(rows.map((row) => [`${row.kind}.${row.workerIndex}`, row.port]));
}
