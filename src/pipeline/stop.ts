// stop: keeps the app's workers off until `restart` or the next deploy. It writes the STOPPED
// marker (config changes then leave the workers off), removes the app's vassals from
// uwsgi-enabled/ and waits until the emperor has stopped every worker. The vhost stays.
import { existsSync, writeFileSync } from 'node:fs';
import type { Identity } from '../cli/command.js';
import { PIKU_ERR_APP_NOT_DEPLOYED, PIKU_ERR_APP_STOP_TIMED_OUT } from '../errors/codes.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import type { Db } from '../store/db.js';
import { formatWorkers, waitForWorkersGone } from '../uwsgi/emperor-state.js';
import { disableVassals } from '../uwsgi/vassal-files.js';
import { DETAIL_PREFIX, STEP_PREFIX } from './deploy-output.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { stopPendingRetirement } from './retire.js';

export interface StopRequest {
  app: string;
  layout: Layout;
  db: Db;
  identity: Identity;
  stream: NodeJS.WritableStream;
  /** How long the emperor gets to stop the workers. */
  timeoutMs?: number;
}

// Removing vassals wakes the emperor, which stops them at once (or at its next scan, within a
// second). The rest of the time is for the workers' own shutdown.
export const STOP_TIMEOUT_MS = 30_000;

export async function stopApp({ app, layout, db, identity, stream, timeoutMs = STOP_TIMEOUT_MS }: StopRequest): Promise<void> {
  const paths = getAppPaths(layout, app);
  if (!existsSync(paths.live)) throw PIKU_ERR_APP_NOT_DEPLOYED(app);

  await acquireAppLock({ db, app, holder: identity.name, purpose: 'stop', notify: (message) => stream.write(`${DETAIL_PREFIX}${message}\n`) });
  try {
    stream.write(`${STEP_PREFIX}Stopping ${app}\n`);
    // A retirement still watching the last deploy would take the stopped workers for a crash.
    stopPendingRetirement(db, app);
    writeFileSync(paths.stoppedMarker, `Stopped by ${identity.name} at ${new Date().toISOString()}\n`);
    const removed = disableVassals(layout, app);
    if (removed.length > 0) stream.write(`${DETAIL_PREFIX}Removed from uwsgi-enabled: ${removed.join(', ')}\n`);

    const left = await waitForWorkersGone(layout, app, timeoutMs);
    if (left.length > 0) throw PIKU_ERR_APP_STOP_TIMED_OUT(app, Math.round(timeoutMs / 1000), formatWorkers(left));
    stream.write(`${DETAIL_PREFIX}Every worker stopped; "restart ${app}" or a deploy starts them again\n`);
  } finally {
    releaseAppLock(db, app);
  }
}
