// The state of an app as `apps` shows it: not deployed, stopped, or running with how many of its
// enabled workers have a live process.
import { existsSync, readdirSync } from 'node:fs';
import { getAppPaths, type Layout } from '../home/layout.js';
import type { RunningWorker } from './emperor-state.js';
import { isAppVassal } from './vassal-files.js';

// Describes the app's state, e.g. "running (2 of 2 workers)". `running` lists the app's live workers.
export function describeAppState(layout: Layout, app: string, running: RunningWorker[]): string {
  const paths = getAppPaths(layout, app);
  if (!existsSync(paths.live)) return 'not deployed';
  if (existsSync(paths.stoppedMarker)) return 'stopped';

  const enabled = existsSync(layout.uwsgiEnabled) ? readdirSync(layout.uwsgiEnabled).filter((name) => isAppVassal(app, name)).length : 0;
  if (enabled === 0) return 'running (no workers)';

  return `running (${running.length} of ${enabled} worker${enabled === 1 ? '' : 's'})`;
}
