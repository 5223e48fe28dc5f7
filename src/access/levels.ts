// Access levels and the permissions commands require. A user is an admin (everything, including
// user management) or has one level per app, and each level includes the ones before it.
export const ACCESS_LEVELS = ['read', 'deploy', 'manage'] as const;

/** Level a grant gives on one app: read < deploy < manage. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Requirement of a command: nothing, a level on its app, or an admin. */
export type Permission = 'none' | AccessLevel | 'admin';

/** A caller's level on one app: a grant's level, "admin" for an unrestricted admin, or null for none. */
export type EffectiveLevel = AccessLevel | 'admin' | null;

// True when `level` includes everything `required` allows.
export function isLevelAtLeast(level: EffectiveLevel, required: AccessLevel): boolean {
  if (level === null) return false;
  if (level === 'admin') return true;

  return ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(required);
}

export function isAccessLevel(value: string): value is AccessLevel {
  return (ACCESS_LEVELS as readonly string[]).includes(value);
}
