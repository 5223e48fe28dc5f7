// The audit trail: state-changing actions and denials, with who, which app, when and the outcome.
import type { Db } from './db.js';

export type AuditOutcome = 'succeeded' | 'failed' | 'denied';

export interface AuditEntry {
  userName: string;
  /** Key fingerprint, "token:ID", "session:token:ID" or "local". */
  credential: string;
  app: string | null;
  action: string;
  outcome: AuditOutcome;
  exitStatus: number | null;
  /** Plain words about the outcome, such as the missing permission. Never a secret. */
  detail: string | null;
}

export interface AuditRow extends AuditEntry {
  id: number;
  at: string;
}

export function insertAuditEntry(db: Db, entry: AuditEntry): void {
  db.prepare('INSERT INTO audit (at, user_name, credential, app, action, outcome, exit_status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    new Date().toISOString(),
    entry.userName,
    entry.credential,
    entry.app,
    entry.action,
    entry.outcome,
    entry.exitStatus,
    entry.detail,
  );
}

// Lists the newest entries first, of one app or of all.
export function listAuditEntries(db: Db, app: string | undefined, limit: number): AuditRow[] {
  return db
    .prepare(
      `SELECT id, at, user_name AS userName, credential, app, action, outcome, exit_status AS exitStatus, detail
       FROM audit WHERE ? IS NULL OR app = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(app ?? null, app ?? null, limit) as AuditRow[];
}
