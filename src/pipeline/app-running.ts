// Whether a run leaves the app's workers running: a stopped app stays stopped across config and
// scale changes, and a deploy or restart starts it.
import { existsSync } from 'node:fs';
import { parseBoolean } from '../config/booleans.js';
import { listAppVassals, removeVassalsExcept } from '../uwsgi/vassal-files.js';
import type { DeployContext } from './types.js';

export function isAppEnabled(context: DeployContext): boolean {
  return context.startsApp || !existsSync(context.paths.stoppedMarker);
}

// True when the run starts HTTP workers of a slot that is not serving yet.
export function hasCutover(context: DeployContext): boolean {
  return !shouldKeepWorkers(context) && isAppEnabled(context) && (context.httpVassals?.length ?? 0) > 0 && context.slot !== context.previousSlot;
}

// PIKU_AUTO_RESTART=false keeps piku's meaning: a deploy of an app that already runs leaves its
// workers as they are, on the previous release, until `restart`.
export function shouldKeepWorkers(context: DeployContext): boolean {
  // A push has a branch ref; a rollback ("release N") and a restart always restart the workers.
  const isDeploy = context.deployId !== undefined && context.ref.startsWith('refs/');
  if (!isDeploy || context.previousSlot === undefined) return false;

  return !parseBoolean('PIKU_AUTO_RESTART', context.env?.PIKU_AUTO_RESTART, true);
}

// Removes exactly the HTTP vassals a run started (start-workers), when the run fails before the
// switch; the serving slot and the other workers stay.
export function stopNewWorkers(context: DeployContext): void {
  if (context.startedVassals === undefined) return;

  const started = new Set(context.startedVassals);
  removeVassalsExcept(context.layout, context.app, new Set(listAppVassals(context.layout, context.app).filter((name) => !started.has(name))));
  context.startedVassals = undefined;
}
