// The links nginx connects to for HTTP workers, nginx/APP.KIND.N.sock (KIND is wsgi or web), each
// pointing at the socket of worker N in the serving slot. Pointing a link at the other slot moves
// that worker's traffic with no nginx reload: nginx follows the link on its next connection.
import { existsSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_RENDER_WEB_SOCKET_MISSING } from '../errors/codes.js';
import { getVassalName, getWorkerSocketLink, getWorkerSocketPath, isWorkerSocketName, type Layout, type SocketKind } from '../home/layout.js';
import type { Slot } from '../store/slots.js';

export interface LinkedWorker {
  kind: SocketKind;
  index: number;
  slot: Slot;
}

// Points each worker's link at its socket in its slot and returns a function that points the links
// back where they were.
export function pointSocketLinks(layout: Layout, app: string, workers: LinkedWorker[]): () => void {
  const previous = workers.map((worker) => {
    const link = getWorkerSocketLink(layout, app, worker.kind, worker.index);
    const target = readLink(link);
    replaceLink(link, path.basename(getWorkerSocketPath(layout, app, worker.kind, worker.index, worker.slot)));

    return { link, target };
  });

  return () => {
    for (const { link, target } of previous) {
      if (target === undefined) rmSync(link, { force: true });
      else replaceLink(link, target);
    }
  };
}

// Removes the app's links whose worker is not in `workers`, e.g. nginx/blog.wsgi.2.sock after
// scaling to 1.
export function removeUnusedSocketLinks(layout: Layout, app: string, workers: LinkedWorker[]): void {
  if (!existsSync(layout.nginx)) return;

  const used = new Set(workers.map((worker) => path.basename(getWorkerSocketLink(layout, app, worker.kind, worker.index))));
  for (const name of readdirSync(layout.nginx)) {
    if (isWorkerSocketName(app, name, { linksOnly: true }) && !used.has(name)) rmSync(path.join(layout.nginx, name), { force: true });
  }
}

// Removes the sockets of the app's workers in `slot` and returns their names, e.g.
// ["blog.wsgi.1.blue.sock"] once slot blue is retired. A worker that is still stopping keeps
// the connections it has, and a later deploy into the slot binds a new socket.
export function removeSlotSockets(layout: Layout, app: string, slot: string): string[] {
  if (!existsSync(layout.nginx)) return [];

  const names = readdirSync(layout.nginx).filter((name) => isWorkerSocketName(app, name) && name.endsWith(`.${slot}.sock`));
  for (const name of names) rmSync(path.join(layout.nginx, name), { force: true });

  return names;
}

// Rejects an app whose web workers were started by a version without the router socket. They listen
// only on their port, so a vhost that points nginx at the socket would fail every request.
export function requireWebRouters(layout: Layout, app: string, workers: LinkedWorker[]): void {
  for (const worker of workers.filter(({ kind }) => kind === 'web')) {
    const vassal = path.join(layout.uwsgiEnabled, getVassalName(app, 'web', worker.index, worker.slot));
    if (existsSync(vassal) && !/^rawrouter = /m.test(readFileSync(vassal, 'utf8'))) throw PIKU_ERR_RENDER_WEB_SOCKET_MISSING(app);
  }
}

// Replaces `link` by a link to `target` through a rename, so no reader ever finds it missing.
export function replaceLink(link: string, target: string): void {
  const temporary = `${link}.${process.pid}.link`;
  rmSync(temporary, { force: true });
  symlinkSync(target, temporary);
  renameSync(temporary, link);
}

function readLink(link: string): string | undefined {
  try {
    return readlinkSync(link);
  } catch {
    return undefined;
  }
}
