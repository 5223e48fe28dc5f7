// CSRF tokens: one random value per session, embedded in every form and checked on every POST.
// The login form, which has no session yet, uses the same check against a short-lived cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export function createCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

// Compares in constant time; a missing or differently sized value never matches.
export function isCsrfTokenValid(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string' || expected === '') return false;

  const a = Buffer.from(expected);
  const b = Buffer.from(actual);

  return a.length === b.length && timingSafeEqual(a, b);
}
