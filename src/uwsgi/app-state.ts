// The state of an app as `apps` and the dashboard show it: not deployed, stopped, or running with
// how many of its enabled workers have a live process.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { getStoppedMarker, type Layout } from '../home/layout.js';
import { countWorkersFromProc, type RunningWorker } from './emperor-state.js';
import { getVassalApp } from './vassal-files.js';

// Describes the app's state, e.g. "running (2 of 2 workers)". `running` lists the app's live workers.
export function describeAppState(layout: Layout, app: string, running: RunningWorker[]): string {
  return describe(layout, app, running.length, countEnabledVassals(layout).get(app) ?? 0);
}

// Describes the state of each app with one pass over the running workers and one over
// uwsgi-enabled/, so a host with hundreds of apps lists them as fast as a few. `runningByApp`
// comes from countRunningWorkers; without it, /proc is read.
export function describeAppStates(layout: Layout, apps: string[], runningByApp = countWorkersFromProc(layout)): Map<string, string> {
  const enabledByApp = countEnabledVassals(layout);

  return new Map(apps.map((app) => [app, describe(layout, app, runningByApp.get(app) ?? 0, enabledByApp.get(app) ?? 0)]));
}

function describe(layout: Layout, app: string, running: number, enabled: number): string {
  if (!existsSync(path.join(layout.apps, app))) return 'not deployed';
  if (existsSync(getStoppedMarker(layout, app))) return 'stopped';
  if (enabled === 0) return 'running (no workers)';

  return `running (${running} of ${enabled} worker${enabled === 1 ? '' : 's'})`;
}

// Counts the vassals in uwsgi-enabled/ per app.
function countEnabledVassals(layout: Layout): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(layout.uwsgiEnabled)) return counts;

  for (const name of readdirSync(layout.uwsgiEnabled)) {
    const app = getVassalApp(name);
    if (app !== undefined) counts.set(app, (counts.get(app) ?? 0) + 1);
  }

  return counts;
}
