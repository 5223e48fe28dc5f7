import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { parsePublicKey } from '../../../src/ssh/public-key.js';

const directory = mkdtempSync(path.join(tmpdir(), 'piku-key-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function createKey(type: string): { text: string; fingerprint: string } {
  const file = path.join(directory, `id_${type}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'dev@laptop', '-f', file]);
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;

  return { text: readFileSync(`${file}.pub`, 'utf8'), fingerprint };
}

for (const type of ['ed25519', 'rsa', 'ecdsa']) {
  test(`public key: ${type} fingerprint matches ssh-keygen`, () => {
    const key = createKey(type);
    const parsed = parsePublicKey(key.text, 'key.pub');
    assert.equal(parsed.fingerprint, key.fingerprint);
    assert.equal(parsed.comment, 'dev@laptop');
  });
}

test('public key: private key text is rejected', () => {
  assert.throws(() => parsePublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n', 'id'), {
    code: 'PIKU_ERR_SSH_KEY_INVALID',
    message:
      'Public key in "id" is invalid: expected one key line, found 3. Pass one OpenSSH public key line, e.g. the contents of ~/.ssh/id_ed25519.pub.',
  });
});

test('public key: damaged key data is rejected', () => {
  assert.throws(() => parsePublicKey('ssh-ed25519 AAAAC3NzaC1yc2EAAAA= x', 'k'), {
    code: 'PIKU_ERR_SSH_KEY_INVALID',
    message: 'Public key in "k" is invalid: the key data is damaged. Pass one OpenSSH public key line, e.g. the contents of ~/.ssh/id_ed25519.pub.',
  });
});

test('public key: unknown type is rejected', () => {
  assert.throws(() => parsePublicKey('ssh-dss AAAAB3NzaC1kc3M= x', 'k'), { message: /key type "ssh-dss" is not supported/ });
});
