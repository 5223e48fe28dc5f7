// The caller of a command for access control: the user behind the SSH key or token, with their
// level on the command's app. sshd's forced command passes FINGERPRINT=SHA256:..., a push over
// HTTP passes FINGERPRINT=token:ID, and a command run on the server by hand passes nothing.
import { PIKU_ERR_ACCESS_KEY_UNKNOWN, PIKU_ERR_ACCESS_TOKEN_INVALID } from '../errors/codes.js';
import type { Db } from '../store/db.js';
import { isLevelAtLeast, type AccessLevel, type EffectiveLevel } from './levels.js';

export interface Caller {
  /** User name; "local" for a command run on the server, "anonymous" before the caller is known. */
  name: string;
  /** Key fingerprint, "token:ID", or "local". */
  credential: string;
  /** Users row id, or null for a local run and for a piku-era key on a host without users. */
  userId: number | null;
  /** True for an admin signed in with a key or an unrestricted token, and for a local run. */
  isAdmin: boolean;
  /** The one app a token is restricted to, or null. */
  tokenApp: string | null;
  /** Level on the command's app (null when the command has no app or the caller has no grant). */
  level: EffectiveLevel;
}

export type Credential = { kind: 'local' } | { kind: 'key'; fingerprint: string } | { kind: 'token'; id: number };

// Reads the caller's credential from the environment the forced command or the HTTP server set.
export function getCredential(env: NodeJS.ProcessEnv): Credential {
  const value = env.FINGERPRINT;
  if (value === undefined || value === '' || value === 'local') return { kind: 'local' };

  const token = /^token:(\d{1,12})$/.exec(value);
  if (token) return { kind: 'token', id: Number(token[1]) };

  return { kind: 'key', fingerprint: value };
}

export const LOCAL_CALLER: Caller = { name: 'local', credential: 'local', userId: null, isAdmin: true, tokenApp: null, level: 'admin' };

interface CallerRow {
  userId: number;
  name: string;
  isAdmin: number;
  tokenApp: string | null;
  level: AccessLevel | null;
}

// Looks the credential up with one query, joined with the grant on `app`. A key that belongs to no
// user is a piku-era key: an admin while the host has no users, rejected once it has some.
export function resolveCaller(db: Db, credential: Credential, app: string | undefined): Caller {
  if (credential.kind === 'local') return LOCAL_CALLER;

  const row = credential.kind === 'key' ? selectKeyCaller(db, credential.fingerprint, app) : selectTokenCaller(db, credential.id, app);
  const label = credential.kind === 'key' ? credential.fingerprint : `token:${credential.id}`;
  if (row === undefined) {
    if (credential.kind === 'token') throw PIKU_ERR_ACCESS_TOKEN_INVALID(String(credential.id));
    if (hasUsers(db)) throw PIKU_ERR_ACCESS_KEY_UNKNOWN(credential.fingerprint);

    return { ...LOCAL_CALLER, name: 'piku-key', credential: label };
  }

  const isAdmin = row.isAdmin === 1 && row.tokenApp === null;
  const caller = { name: row.name, credential: label, userId: row.userId, isAdmin, tokenApp: row.tokenApp, level: null };

  return { ...caller, level: app === undefined ? null : getEffectiveLevel({ ...caller, isAdmin: row.isAdmin === 1 }, app, row.level) };
}

// A token restricted to one app carries its user's level there (manage for an admin), and nothing elsewhere.
export function getEffectiveLevel(user: { isAdmin: boolean; tokenApp: string | null }, app: string, granted: AccessLevel | null): EffectiveLevel {
  if (user.tokenApp !== null && user.tokenApp !== app) return null;
  if (user.isAdmin) return user.tokenApp === null ? 'admin' : 'manage';

  return granted;
}

function selectKeyCaller(db: Db, fingerprint: string, app: string | undefined): CallerRow | undefined {
  return db
    .prepare(
      `SELECT u.id AS userId, u.name, u.is_admin AS isAdmin, NULL AS tokenApp, g.level
       FROM user_keys k JOIN users u ON u.id = k.user_id LEFT JOIN grants g ON g.user_id = u.id AND g.app = ?
       WHERE k.fingerprint = ?`,
    )
    .get(app ?? null, fingerprint) as CallerRow | undefined;
}

function selectTokenCaller(db: Db, id: number, app: string | undefined): CallerRow | undefined {
  return db
    .prepare(
      `SELECT u.id AS userId, u.name, u.is_admin AS isAdmin, t.app AS tokenApp, g.level
       FROM tokens t JOIN users u ON u.id = t.user_id LEFT JOIN grants g ON g.user_id = u.id AND g.app = ?
       WHERE t.id = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`,
    )
    .get(app ?? null, id, new Date().toISOString()) as CallerRow | undefined;
}

function hasUsers(db: Db): boolean {
  return db.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
}

// Level of a resolved caller on an app other than the command's, e.g. for audit APP or a dashboard page.
export function getCallerLevel(db: Db, caller: Caller, app: string): EffectiveLevel {
  if (caller.userId === null) return caller.isAdmin ? 'admin' : null;

  const row = db
    .prepare('SELECT u.is_admin AS isAdmin, g.level FROM users u LEFT JOIN grants g ON g.user_id = u.id AND g.app = ? WHERE u.id = ?')
    .get(app, caller.userId) as { isAdmin: number; level: AccessLevel | null } | undefined;
  if (row === undefined) return null;

  return getEffectiveLevel({ isAdmin: row.isAdmin === 1, tokenApp: caller.tokenApp }, app, row.level);
}

// Returns the apps in `apps` that the caller may read, with the caller's level on each, for the
// `apps` command and the dashboard. An admin gets every app without a query per app.
export function listReadableApps(db: Db, caller: Caller, apps: string[]): Array<{ app: string; level: EffectiveLevel }> {
  if (caller.isAdmin) return apps.map((app) => ({ app, level: 'admin' }));

  return apps.map((app) => ({ app, level: getCallerLevel(db, caller, app) })).filter(({ level }) => isLevelAtLeast(level, 'read'));
}
