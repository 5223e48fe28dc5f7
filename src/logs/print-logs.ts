// `logs`: prints the last lines of each worker log, each prefixed "kind.n | ", then follows every
// log, including logs that appear later (a worker scaled up), until the signal aborts.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogFollower } from './follow.js';
import type { WorkerLog } from './log-files.js';
import { readLastLines } from './tail.js';

export interface PrintLogsOptions {
  /** Lists the logs to print; called again while following, to pick up new workers. */
  listLogs: () => WorkerLog[];
  /** Lines of each log printed before following. */
  lines: number;
  follow: boolean;
  output: NodeJS.WritableStream;
  /** Stops following, e.g. when the client disconnects. */
  signal: AbortSignal;
  pollMs?: number;
}

interface Followed {
  log: WorkerLog;
  follower: LogFollower;
}

// Prints the logs and returns once done (without follow) or once `signal` aborts.
export async function printWorkerLogs({ listLogs, lines, follow, output, signal, pollMs = 250 }: PrintLogsOptions): Promise<void> {
  const logs = listLogs();
  const width = Math.max(0, ...logs.map((log) => log.label.length));
  const write = (log: WorkerLog, text: Buffer[]) => writeLines(output, signal, log.label.padEnd(width), text);
  const followed = new Map<string, Followed>();

  try {
    for (const log of logs) {
      const follower = new LogFollower(log.file);
      followed.set(log.file, { log, follower });
      const opened = await follower.start();
      if (opened !== undefined) await write(log, await readLastLines(opened.handle, opened.size, lines));
    }

    while (follow && !signal.aborted) {
      await sleep(pollMs, undefined, { signal }).catch(() => undefined);
      for (const log of listLogs()) {
        if (!followed.has(log.file)) followed.set(log.file, { log, follower: new LogFollower(log.file) });
      }
      for (const { log, follower } of followed.values()) {
        if (!signal.aborted) await write(log, await follower.readNewLines());
      }
    }
  } finally {
    for (const { follower } of followed.values()) await follower.close();
  }
}

// Writes the lines with their prefix and waits while the client reads slower than the logs grow.
async function writeLines(output: NodeJS.WritableStream, signal: AbortSignal, label: string, lines: Buffer[]): Promise<void> {
  if (lines.length === 0 || signal.aborted) return;

  const prefix = Buffer.from(`${label} | `);
  const text = Buffer.concat(lines.flatMap((line) => [prefix, line, Buffer.from('\n')]));
  if (!output.write(text)) await once(output, 'drain', { signal }).catch(() => undefined);
}
