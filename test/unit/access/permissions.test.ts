import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { authorizeCommand } from '../../../src/access/authorize.js';
import { getCredential, resolveCaller } from '../../../src/access/caller.js';
import { isLevelAtLeast } from '../../../src/access/levels.js';
import { createToken, revokeTokenById, verifyToken } from '../../../src/access/tokens.js';
import { addUser, getExistingUser } from '../../../src/access/users.js';
import { isPikuError } from '../../../src/errors/piku-error.js';
import { getLayout } from '../../../src/home/layout.js';
import { openDatabase } from '../../../src/store/db.js';
import { setGrant } from '../../../src/store/grants.js';
import { insertKey } from '../../../src/store/users.js';

const root = mkdtempSync(path.join(tmpdir(), 'piku-access-'));
const layout = getLayout({ PIKU_ROOT: root });
const db = openDatabase(layout);
after(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

function getDenial(action: () => void): { code: string; message: string } | undefined {
  try {
    action();
  } catch (error) {
    if (isPikuError(error)) return { code: error.code, message: error.message };
    throw error;
  }

  return undefined;
}

test('access: levels include the levels below them', () => {
  assert.equal(isLevelAtLeast('manage', 'deploy'), true);
  assert.equal(isLevelAtLeast('deploy', 'deploy'), true);
  assert.equal(isLevelAtLeast('deploy', 'manage'), false);
  assert.equal(isLevelAtLeast('read', 'deploy'), false);
  assert.equal(isLevelAtLeast('admin', 'manage'), true);
  assert.equal(isLevelAtLeast(null, 'read'), false);
});

test('access: credentials come from FINGERPRINT', () => {
  assert.deepEqual(getCredential({}), { kind: 'local' });
  assert.deepEqual(getCredential({ FINGERPRINT: 'token:12' }), { kind: 'token', id: 12 });
  assert.deepEqual(getCredential({ FINGERPRINT: 'SHA256:abc' }), { kind: 'key', fingerprint: 'SHA256:abc' });
});

test('access: a piku-era key is an admin only while no user exists', () => {
  const caller = resolveCaller(db, { kind: 'key', fingerprint: 'SHA256:old' }, 'blog');
  assert.equal(caller.isAdmin, true);

  addUser(db, 'admin', true);
  assert.deepEqual(getDenial(() => resolveCaller(db, { kind: 'key', fingerprint: 'SHA256:old' }, 'blog')), {
    code: 'PIKU_ERR_ACCESS_KEY_UNKNOWN',
    message: 'SSH key "SHA256:old" belongs to no user: ask an admin to add it with "keys:add NAME FILE".',
  });
});

test('access: a deploy grant allows push but not config values', () => {
  const userId = addUser(db, 'dev', false);
  insertKey(db, userId, 'SHA256:dev', 'ssh-ed25519 AAAA');
  setGrant(db, userId, 'blog', 'deploy');
  const caller = resolveCaller(db, { kind: 'key', fingerprint: 'SHA256:dev' }, 'blog');

  assert.equal(caller.level, 'deploy');
  assert.equal(getDenial(() => authorizeCommand(layout, caller, { name: 'git-hook', permission: 'deploy', app: 'blog' })), undefined);
  assert.deepEqual(getDenial(() => authorizeCommand(layout, caller, { name: 'config:get', permission: 'manage', app: 'blog' })), {
    code: 'PIKU_ERR_ACCESS_DENIED',
    message: 'Permission "manage" on app "blog" is missing for user "dev": ask an admin to run "access:grant blog dev manage".',
  });
  assert.equal(getDenial(() => authorizeCommand(layout, caller, { name: 'users:add', permission: 'admin', app: undefined }))?.code, 'PIKU_ERR_ACCESS_ADMIN_REQUIRED');
});

test('access: a push to a free app name creates it', () => {
  const caller = resolveCaller(db, { kind: 'key', fingerprint: 'SHA256:dev' }, 'new-app');

  assert.equal(getDenial(() => authorizeCommand(layout, caller, { name: 'git-receive-pack', permission: 'deploy', app: 'new-app' })), undefined);
  assert.equal(getDenial(() => authorizeCommand(layout, caller, { name: 'git-hook', permission: 'deploy', app: 'new-app' }))?.code, 'PIKU_ERR_ACCESS_DENIED');
});

test('access: a token restricted to one app has no rights elsewhere', () => {
  const admin = resolveCaller(db, { kind: 'token', id: createToken(db, resolveCaller(db, { kind: 'local' }, undefined), getExistingUser(db, 'admin'), { app: 'blog' }).id }, 'shop');

  assert.equal(admin.isAdmin, false);
  assert.equal(admin.level, null);
  assert.equal(resolveCaller(db, { kind: 'token', id: Number(admin.credential.slice('token:'.length)) }, 'blog').level, 'manage');
});

test('access: a revoked token stops verifying at once', () => {
  const local = resolveCaller(db, { kind: 'local' }, undefined);
  const created = createToken(db, local, getExistingUser(db, 'dev'));

  assert.equal(verifyToken(db, created.token, 'dev')?.id, created.id);
  assert.equal(verifyToken(db, created.token, 'admin'), undefined);
  revokeTokenById(db, local, created.id);
  assert.equal(verifyToken(db, created.token, 'dev'), undefined);
  assert.equal(getDenial(() => resolveCaller(db, { kind: 'token', id: created.id }, 'blog'))?.code, 'PIKU_ERR_ACCESS_TOKEN_INVALID');
});

test('access: a user may create tokens only for themselves', () => {
  const dev = resolveCaller(db, { kind: 'key', fingerprint: 'SHA256:dev' }, undefined);

  assert.match(createToken(db, dev, getExistingUser(db, 'dev')).token, /^piku_\d+_/);
  assert.equal(getDenial(() => createToken(db, dev, getExistingUser(db, 'admin')))?.code, 'PIKU_ERR_ACCESS_ADMIN_REQUIRED');
});
