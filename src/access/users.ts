// User and key management: the store rows and the authorized_keys lines change together, so a key
// that sshd accepts always belongs to a user.
import { PIKU_ERR_KEY_NOT_FOUND, PIKU_ERR_KEY_TAKEN, PIKU_ERR_USER_EXISTS, PIKU_ERR_USER_LAST_ADMIN, PIKU_ERR_USER_NAME_INVALID, PIKU_ERR_USER_NOT_FOUND } from '../errors/codes.js';
import { CLI_SCRIPT } from '../home/install-paths.js';
import type { Layout } from '../home/layout.js';
import { authorizeKey, removeAuthorizedKey } from '../ssh/authorized-keys.js';
import type { PublicKey } from '../ssh/public-key.js';
import type { Db } from '../store/db.js';
import { countAdmins, deleteKey, deleteUser, getKey, getUser, insertKey, insertUser, listKeys, listUsers, type UserRow } from '../store/users.js';

/** Name of the admin that setup:ssh creates on a host without users. */
export const FIRST_ADMIN_NAME = 'admin';

const USER_NAME_PATTERN = /^[a-z][a-z0-9._-]{0,31}$/;

export function validateUserName(name: string): string {
  if (!USER_NAME_PATTERN.test(name)) throw PIKU_ERR_USER_NAME_INVALID(name);

  return name;
}

export function addUser(db: Db, name: string, isAdmin: boolean): number {
  validateUserName(name);
  if (getUser(db, name) !== undefined) throw PIKU_ERR_USER_EXISTS(name);

  return insertUser(db, name, isAdmin);
}

// Returns the user or throws PIKU_ERR_USER_NOT_FOUND.
export function getExistingUser(db: Db, name: string): UserRow {
  const user = getUser(db, validateUserName(name));
  if (user === undefined) throw PIKU_ERR_USER_NOT_FOUND(name);

  return user;
}

// Removes the user and their keys' authorized_keys lines. The last admin stays, so the host
// always has someone who can manage users.
export function removeUser(db: Db, keysFile: string, name: string): void {
  const user = getExistingUser(db, name);
  if (user.isAdmin && countAdmins(db) === 1) throw PIKU_ERR_USER_LAST_ADMIN(name);

  for (const key of listKeys(db, user.id)) removeAuthorizedKey(keysFile, key.fingerprint);
  deleteUser(db, user.id);
}

// Adds the key to the user and writes its authorized_keys line. Adding a key the user already
// has rewrites its line, so a moved installation can be repaired.
export function addUserKey(db: Db, layout: Layout, keysFile: string, user: UserRow, key: PublicKey): 'added' | 'updated' {
  const owner = getKey(db, key.fingerprint);
  if (owner !== undefined && owner.userId !== user.id) throw PIKU_ERR_KEY_TAKEN(key.fingerprint, owner.userName);

  if (owner === undefined) insertKey(db, user.id, key.fingerprint, `${key.type} ${key.blob}`);

  return authorizeKey(keysFile, key, { root: layout.root, node: process.execPath, script: CLI_SCRIPT, name: user.name });
}

export function removeUserKey(db: Db, keysFile: string, fingerprint: string): void {
  const key = getKey(db, fingerprint);
  const isInFile = removeAuthorizedKey(keysFile, fingerprint);
  if (key === undefined && !isInFile) throw PIKU_ERR_KEY_NOT_FOUND(fingerprint);

  if (key !== undefined) deleteKey(db, fingerprint);
}

// The admin that setup:ssh gives keys to: the first admin, or a new "admin" on a host without one.
export function getSetupAdmin(db: Db): UserRow {
  const admin = listUsers(db).find((user) => user.isAdmin);
  if (admin !== undefined) return admin;

  addUser(db, FIRST_ADMIN_NAME, true);

  return getExistingUser(db, FIRST_ADMIN_NAME);
}
