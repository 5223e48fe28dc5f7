// Grants of a level on an app to a user. Granting on an app that does not exist yet is allowed,
// so an admin can hand out a name before its first push.
import { PIKU_ERR_ACCESS_LEVEL_INVALID, PIKU_ERR_GRANT_NOT_FOUND } from '../errors/codes.js';
import type { Db } from '../store/db.js';
import { deleteGrant, listAppGrants, setGrant } from '../store/grants.js';
import { listUsers } from '../store/users.js';
import { isAccessLevel, type AccessLevel } from './levels.js';
import { getExistingUser } from './users.js';

export function grantAccess(db: Db, app: string, userName: string, level: string): AccessLevel {
  if (!isAccessLevel(level)) throw PIKU_ERR_ACCESS_LEVEL_INVALID(level);

  setGrant(db, getExistingUser(db, userName).id, app, level);

  return level;
}

export function revokeAccess(db: Db, app: string, userName: string): void {
  if (!deleteGrant(db, getExistingUser(db, userName).id, app)) throw PIKU_ERR_GRANT_NOT_FOUND(app, userName);
}

// Lists who may act on the app: every admin, then each grant.
export function listAppAccess(db: Db, app: string): Array<{ user: string; level: AccessLevel | 'admin' }> {
  const admins = listUsers(db).filter((user) => user.isAdmin).map((user) => ({ user: user.name, level: 'admin' as const }));

  return [...admins, ...listAppGrants(db, app).map((grant) => ({ user: grant.userName, level: grant.level }))];
}
