// The per-app deploy lock. A second deploy of the same app waits, telling the pusher who holds the
// lock and since when, and gives up after PIKU_LOCK_TIMEOUT seconds. A lock whose process is gone
// (a deploy killed with kill -9) is taken over and that deploy is marked interrupted.
import { setTimeout as sleep } from 'node:timers/promises';
import { PIKU_ERR_LOCK_TIMEOUT } from '../errors/codes.js';
import { getLayout } from '../home/layout.js';
import { getSettings } from '../home/settings.js';
import type { Db } from '../store/db.js';
import { markInterrupted } from '../store/deploys.js';
import { releaseLock, tryAcquireLock, type LockRow } from '../store/locks.js';

export interface AppLockOptions {
  db: Db;
  /** An app name, or a name starting with "@" for a platform-wide lock. */
  app: string;
  holder: string;
  purpose: string;
  /** Shows a progress line to the waiting caller, e.g. the pusher. */
  notify: (message: string) => void;
  timeoutMs?: number;
}

const POLL_MS = 200;

export async function acquireAppLock({ db, app, holder, purpose, notify, timeoutMs = getLockTimeoutMs() }: AppLockOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasTold = false;

  for (;;) {
    const attempt = tryAcquireLock(db, { name: app, holder, purpose });
    if (attempt.acquired) {
      if (attempt.previous !== undefined) handleStaleLock(db, attempt.previous, notify);

      return;
    }

    const current = attempt.previous!;
    if (Date.now() >= deadline) throw PIKU_ERR_LOCK_TIMEOUT(app, describeHolder(current));
    if (!hasTold) notify(`Waiting for lock "${app}": ${describeHolder(current)}`);
    hasTold = true;
    await sleep(POLL_MS);
  }
}

export function releaseAppLock(db: Db, app: string): void {
  releaseLock(db, app);
}

function handleStaleLock(db: Db, previous: LockRow, notify: (message: string) => void): void {
  notify(`Took over the lock of ${describeHolder(previous)}, whose process is gone`);
  if (previous.deployId !== null) markInterrupted(db, previous.deployId);
}

function describeHolder(lock: LockRow): string {
  return `${lock.purpose} by ${lock.holder} since ${lock.acquiredAt} (PID ${lock.pid})`;
}

// PIKU_LOCK_TIMEOUT from piku.conf or the environment.
function getLockTimeoutMs(): number {
  return getSettings(getLayout()).lockTimeoutMs;
}
