// Named locks in piku.db. A lock records its holder's PID, so a lock left by a killed process is
// recognised (the PID is gone) and taken over instead of blocking the app forever.
import type { Db } from './db.js';

export interface LockRow {
  name: string;
  pid: number;
  holder: string;
  purpose: string;
  deployId: number | null;
  acquiredAt: string;
}

export interface LockRequest {
  name: string;
  holder: string;
  purpose: string;
  deployId?: number;
}

// Takes the lock when it is free or its holder is dead. Returns the row it replaced when it took
// over a dead holder's lock, the live holder's row when the lock is busy, or undefined when it was free.
export function tryAcquireLock(db: Db, request: LockRequest): { acquired: boolean; previous?: LockRow } {
  return db
    .transaction(() => {
      const current = getLock(db, request.name);
      if (current !== undefined && isProcessAlive(current.pid)) return { acquired: false, previous: current };

      db.prepare('INSERT OR REPLACE INTO locks (name, pid, holder, purpose, deploy_id, acquired_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        request.name,
        process.pid,
        request.holder,
        request.purpose,
        request.deployId ?? null,
        new Date().toISOString(),
      );

      return { acquired: true, previous: current };
    })
    .immediate();
}

export function setLockDeploy(db: Db, name: string, deployId: number): void {
  db.prepare('UPDATE locks SET deploy_id = ? WHERE name = ? AND pid = ?').run(deployId, name, process.pid);
}

export function releaseLock(db: Db, name: string): void {
  db.prepare('DELETE FROM locks WHERE name = ? AND pid = ?').run(name, process.pid);
}

export function getLock(db: Db, name: string): LockRow | undefined {
  return db
    .prepare('SELECT name, pid, holder, purpose, deploy_id AS deployId, acquired_at AS acquiredAt FROM locks WHERE name = ?')
    .get(name) as LockRow | undefined;
}

// Signal 0 checks for existence without delivering anything; EPERM means it exists as another user.
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
