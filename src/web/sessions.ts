// Dashboard sessions: a random cookie value whose SHA-256 is the key of a sessions row, tied to
// the token the user signed in with.
import { createHash, randomBytes } from 'node:crypto';
import { resolveCaller, type Caller } from '../access/caller.js';
import type { Db } from '../store/db.js';
import { deleteExpiredSessions, deleteSession, getSession, insertSession } from '../store/sessions.js';
import { createCsrfToken } from './csrf.js';

export const SESSION_COOKIE = 'piku_session';
export const SESSION_SECONDS = 12 * 60 * 60;

export interface WebSession {
  caller: Caller;
  tokenId: number;
  csrf: string;
  hash: string;
}

// Opens a session for a verified token and returns the cookie value, shown to the browser only.
export function createSession(db: Db, tokenId: number): string {
  // Each sign-in also sweeps expired rows, so the table never grows past the live sessions for long.
  deleteExpiredSessions(db);
  const value = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_SECONDS * 1000).toISOString();
  insertSession(db, hashSessionId(value), tokenId, createCsrfToken(), expiresAt);

  return value;
}

// Returns the session of a cookie value, with the caller's level on `app`, or undefined when the
// cookie is missing, forged, expired, or its token was revoked.
export function getWebSession(db: Db, cookie: string | undefined, app?: string): WebSession | undefined {
  if (cookie === undefined || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) return undefined;

  const hash = hashSessionId(cookie);
  const session = getSession(db, hash);
  if (session === undefined) return undefined;

  try {
    const caller = resolveCaller(db, { kind: 'token', id: session.tokenId }, app);

    return { caller: { ...caller, credential: `session:${caller.credential}` }, tokenId: session.tokenId, csrf: session.csrf, hash };
  } catch {
    return undefined;
  }
}

export function endSession(db: Db, hash: string): void {
  deleteSession(db, hash);
}

function hashSessionId(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
