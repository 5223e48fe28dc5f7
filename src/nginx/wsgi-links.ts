// The links nginx connects to for wsgi workers, nginx/APP.wsgi.N.sock, each pointing at the socket
// of worker N in the serving slot. Pointing a link at the other slot moves that worker's traffic
// with no nginx reload: nginx follows the link on its next connection.
import { existsSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { getWsgiSocketLink, getWsgiSocketPath, type Layout } from '../home/layout.js';
import type { Slot } from '../store/slots.js';

export interface WsgiWorker {
  index: number;
  slot: Slot;
}

// Points each worker's link at its socket in its slot and returns a function that points the links
// back where they were.
export function pointWsgiLinks(layout: Layout, app: string, workers: WsgiWorker[]): () => void {
  const previous = workers.map((worker) => {
    const link = getWsgiSocketLink(layout, app, worker.index);
    const target = readLink(link);
    replaceLink(link, path.basename(getWsgiSocketPath(layout, app, worker.index, worker.slot)));

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
export function removeUnusedWsgiLinks(layout: Layout, app: string, workers: WsgiWorker[]): void {
  if (!existsSync(layout.nginx)) return;

  const used = new Set(workers.map((worker) => path.basename(getWsgiSocketLink(layout, app, worker.index))));
  for (const name of readdirSync(layout.nginx)) {
    const isLink = name.startsWith(`${app}.wsgi.`) && /^\d+\.sock$/.test(name.slice(app.length + 6));
    if (isLink && !used.has(name)) rmSync(path.join(layout.nginx, name), { force: true });
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
