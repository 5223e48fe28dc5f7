// Worker log files of one app: logs/<app>/<kind>.<n>.log, written by each vassal's `logto`.
// Rotated copies (.log.old) are not listed.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Layout } from '../home/layout.js';

export interface WorkerLog {
  kind: string;
  index: number;
  /** "web.1", the prefix of its lines in `logs`. */
  label: string;
  file: string;
}

const LOG_NAME_PATTERN = /^([A-Za-z][A-Za-z0-9-]*)\.(\d+)\.log$/;

// Lists the app's worker logs sorted by kind, then by worker number; of one kind when `kind` is set.
export function listWorkerLogs(layout: Layout, app: string, kind?: string): WorkerLog[] {
  const directory = path.join(layout.logs, app);
  if (!existsSync(directory)) return [];

  const logs: WorkerLog[] = [];
  for (const name of readdirSync(directory)) {
    const match = LOG_NAME_PATTERN.exec(name);
    if (match === null || (kind !== undefined && match[1] !== kind)) continue;

    const index = Number(match[2]);
    logs.push({ kind: match[1]!, index, label: `${match[1]}.${index}`, file: path.join(directory, name) });
  }

  return logs.sort((a, b) => a.kind.localeCompare(b.kind) || a.index - b.index);
}
