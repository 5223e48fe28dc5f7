// The Procfile of an app's live release (apps/<app>/Procfile), which ps, ps:scale and logs read
// to know the app's kinds.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_APP_NOT_DEPLOYED, PIKU_ERR_APP_PROCFILE_MISSING } from '../errors/codes.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import { parseProcfile } from './procfile.js';
import type { Procfile, WorkerCategory } from './types.js';

// Categories that uwsgi runs as vassals, one per worker.
export const PROCESS_CATEGORIES: ReadonlySet<WorkerCategory> = new Set(['wsgi', 'web', 'worker', 'cron']);

// Reads and parses the live release's Procfile; throws when the app has no live release.
export function readLiveProcfile(layout: Layout, app: string): Procfile {
  const live = getAppPaths(layout, app).live;
  if (!existsSync(live)) throw PIKU_ERR_APP_NOT_DEPLOYED(app);

  const file = path.join(live, 'Procfile');
  if (!existsSync(file)) throw PIKU_ERR_APP_PROCFILE_MISSING(app, file);

  return parseProcfile(readFileSync(file, 'utf8'));
}

// Kinds of the Procfile that run as processes, in Procfile order: ["web", "worker"].
export function getProcessKinds(procfile: Procfile): string[] {
  return procfile.entries.filter((entry) => PROCESS_CATEGORIES.has(entry.category)).map((entry) => entry.kind);
}
