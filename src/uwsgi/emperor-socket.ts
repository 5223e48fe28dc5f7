// The emperor's stats socket, uwsgi/emperor.sock. uwsgi 2.0's emperor scans its directory after each
// event it handles, and otherwise once per emperor-freq seconds. A connection to the socket is such
// an event, so a deploy connects right after changing vassal files instead of waiting for the next
// scan. The stats the emperor then writes list every vassal with its master's PID. Without the
// socket (an emperor started from an older uwsgi.ini), the periodic scan still runs, so a failed
// connection only means no stats.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Layout } from '../home/layout.js';

// node:net loads on the first connection, not with this module: `ps` imports the module without
// connecting, and node:net with the node:stream it needs takes about 3 ms to load.
const requireModule = createRequire(import.meta.url);
const loadNet = (): typeof import('node:net') => requireModule('node:net');

// Linux limits a socket path to 107 bytes; a longer one is left out of the emperor's config.
export const MAX_SOCKET_PATH_BYTES = 107;

// The emperor writes its stats at once; a connection still open after this is dropped.
const STATS_TIMEOUT_MS = 1000;

export interface EmperorVassal {
  /** The vassal's file name, e.g. "blog_web.1.blue.ini". */
  name: string;
  /** PID of the vassal's master process. */
  pid: number;
}

export function hasEmperorSocket(layout: Layout): boolean {
  return Buffer.byteLength(layout.emperorSocket) <= MAX_SOCKET_PATH_BYTES;
}

// Wakes the emperor and returns at once; the open socket keeps the process alive until the
// emperor has written its stats, which are dropped.
export function wakeEmperor(layout: Layout): void {
  void requestStats(layout);
}

// Returns the vassals in the emperor's stats, or undefined when the socket is missing, silent or
// sends something else.
export async function readEmperorVassals(layout: Layout): Promise<EmperorVassal[] | undefined> {
  const text = await requestStats(layout);
  if (text === undefined) return undefined;

  try {
    const stats = JSON.parse(text) as { vassals?: Array<{ id?: unknown; pid?: unknown }> };
    if (!Array.isArray(stats.vassals)) return undefined;

    return stats.vassals.flatMap((vassal) => (typeof vassal.id === 'string' && typeof vassal.pid === 'number' ? [{ name: path.basename(vassal.id), pid: vassal.pid }] : []));
  } catch {
    return undefined;
  }
}

// Connects to the socket and returns everything the emperor writes before it closes, or undefined
// on any failure. The stats are read to the end even for a wake, because closing first would make
// the emperor log a broken pipe.
function requestStats(layout: Layout): Promise<string | undefined> {
  if (!hasEmperorSocket(layout)) return Promise.resolve(undefined);

  // Connects before returning, so a wake reaches the emperor before the caller's next step.
  const { connect } = loadNet();

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(layout.emperorSocket);
    socket.setTimeout(STATS_TIMEOUT_MS, () => socket.destroy(new Error(`no stats within ${STATS_TIMEOUT_MS} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => resolve(undefined));
    socket.on('end', () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
