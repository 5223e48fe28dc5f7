// Retires the HTTP workers of the slot that stopped serving. After the switch, nginx opens new
// connections to the new slot only, so the old workers finish the requests they hold: they run on
// for DEPLOY_DRAIN_SECONDS (default 10) before their vassals go. A detached `workers:retire` process does the waiting, so the push
// returns at once; it also watches the new workers for DEPLOY_CRASH_WINDOW seconds (default 30)
// and rolls the app back when one fails DEPLOY_CRASH_LIMIT health checks in a row (default 3).
import { spawn } from 'node:child_process';
import { CLI_SCRIPT } from '../home/install-paths.js';
import type { Db } from '../store/db.js';
import { isProcessAlive } from '../store/locks.js';
import { getRetirePid, setRetirePid, type Slot } from '../store/slots.js';
import { readWholeNumber } from '../health/health-settings.js';
import type { DeployContext } from './types.js';

export interface RetireSettings {
  drainSeconds: number;
  crashWindowSeconds: number;
  crashLimit: number;
}

// Starts the detached retirement and returns the drain period in seconds.
export function scheduleRetirement(context: DeployContext, slot: Slot): number {
  stopPendingRetirement(context.db, context.app);
  const settings = getRetireSettings(context.env ?? {});
  const args = [CLI_SCRIPT, 'workers:retire', context.app, slot];
  if (context.deployId !== undefined) args.push(String(context.deployId));
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, PIKU_ROOT: context.layout.root, NAME: 'platform' },
  });
  child.unref();
  if (child.pid !== undefined) setRetirePid(context.db, context.app, child.pid);

  return settings.drainSeconds;
}

// Stops a retirement that is still waiting; returns true when there was one.
export function stopPendingRetirement(db: Db, app: string): boolean {
  const pid = getRetirePid(db, app);
  if (pid === null || pid === process.pid) return false;

  setRetirePid(db, app, null);
  if (!isProcessAlive(pid)) return false;

  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }

  return true;
}

// Reads the DEPLOY_* settings; the health-check step calls it too, so a typo fails the deploy
// before anything goes live.
export function getRetireSettings(env: Record<string, string>): RetireSettings {
  return {
    drainSeconds: readWholeNumber(env, 'DEPLOY_DRAIN_SECONDS', 0, 3600) ?? 10,
    crashWindowSeconds: readWholeNumber(env, 'DEPLOY_CRASH_WINDOW', 0, 3600) ?? 30,
    crashLimit: readWholeNumber(env, 'DEPLOY_CRASH_LIMIT', 1, 100) ?? 3,
  };
}
