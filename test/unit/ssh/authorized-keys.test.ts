import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { authorizeKey, updateForcedCommands } from '../../../src/ssh/authorized-keys.js';
import type { PublicKey } from '../../../src/ssh/public-key.js';

const directory = mkdtempSync(path.join(tmpdir(), 'piku-keys-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const KEY: PublicKey = { type: 'ssh-ed25519', blob: 'AAAAC3NzaC1lZDI1NTE5AAAAIDev', comment: 'dev@laptop', fingerprint: 'SHA256:dev' };
const OTHER_ROOT_LINE = `command="PIKU_ROOT='/srv/other' FINGERPRINT=SHA256:ops NAME=ops '/usr/bin/node' '/opt/old/dist/cli.js'",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps`;
const PIKU_LINE = 'command="FINGERPRINT=SHA256:old NAME=default /home/piku/piku.py $SSH_ORIGINAL_COMMAND",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOld';
const FORCED = { root: '/srv/piku', node: process.execPath, name: 'dev' };
// A line edited by hand, whose user name the CLI would not accept.
const EDITED_LINE = `command="PIKU_ROOT='/srv/piku' FINGERPRINT=SHA256:ed NAME=Ed@host '/usr/bin/node' '/opt/piku/dist/cli.js'",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEd`;

function line(script: string, node = process.execPath): string {
  return `command="PIKU_ROOT='/srv/piku' FINGERPRINT=SHA256:dev NAME=dev '${node}' '${script}'",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDev dev@laptop`;
}

test('authorized keys: key line forces the CLI', () => {
  const file = path.join(directory, 'added');

  assert.equal(authorizeKey(file, KEY, { ...FORCED, script: '/opt/piku/dist/cli.js' }), 'added');
  assert.equal(readFileSync(file, 'utf8'), `${line('/opt/piku/dist/cli.js')}\n`);
});

test('authorized keys: update rewrites only this root', () => {
  const file = path.join(directory, 'update');
  writeFileSync(file, `${PIKU_LINE}\n${line('/opt/piku/dist/cli.js')}\n${OTHER_ROOT_LINE}\n${EDITED_LINE}\n`);
  const installed = { root: '/srv/piku', node: '/opt/other-node/bin/node', script: '/opt/piku/dist/bundle/piku-server.cjs' };

  assert.equal(updateForcedCommands(file, installed), 1);
  // The line keeps its node, which exists.
  assert.equal(readFileSync(file, 'utf8'), `${PIKU_LINE}\n${line('/opt/piku/dist/bundle/piku-server.cjs')}\n${OTHER_ROOT_LINE}\n${EDITED_LINE}\n`);
  assert.equal(updateForcedCommands(file, installed), 0);
  assert.equal(updateForcedCommands(path.join(directory, 'missing'), installed), 0);
});

test('authorized keys: update replaces a missing node', () => {
  const file = path.join(directory, 'missing-node');
  writeFileSync(file, `${line('/opt/piku/dist/cli.js', '/opt/removed/bin/node')}\n`);

  assert.equal(updateForcedCommands(file, { root: '/srv/piku', node: process.execPath, script: '/opt/piku/dist/bundle/piku-server.cjs' }), 1);
  assert.equal(readFileSync(file, 'utf8'), `${line('/opt/piku/dist/bundle/piku-server.cjs')}\n`);
});
