// Wakes the emperor right after vassal files change. uwsgi 2.0's emperor scans its directory after
// each event it handles, and otherwise once per emperor-freq seconds. A connection to its stats
// socket is such an event, so a deploy connects to it instead of waiting for the next scan.
// Without the socket (an emperor started from an older uwsgi.ini), the periodic scan still runs,
// so every failure here is ignored.
import { connect } from 'node:net';
import type { Layout } from '../home/layout.js';

// Linux limits a socket path to 107 bytes; a longer one is left out of the emperor's config.
export const MAX_SOCKET_PATH_BYTES = 107;

export function hasEmperorSocket(layout: Layout): boolean {
  return Buffer.byteLength(layout.emperorSocket) <= MAX_SOCKET_PATH_BYTES;
}

// The emperor writes its stats at once; a connection still open after this is dropped.
const ANSWER_TIMEOUT_MS = 2000;

// Starts the connection and returns at once; the open socket keeps the process alive until it is
// done. The stats the emperor writes are read and dropped, because closing before it has written
// would make the emperor log a broken pipe.
export function wakeEmperor(layout: Layout): void {
  if (!hasEmperorSocket(layout)) return;

  const socket = connect(layout.emperorSocket);
  socket.resume();
  socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy());
  socket.on('end', () => socket.destroy());
  socket.on('error', () => socket.destroy());
}
