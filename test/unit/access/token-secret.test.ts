import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTokenSecret, formatToken, hashSecret, isSecretMatching, parseToken } from '../../../src/access/token-secret.js';

test('access: a new token parses back to its id and secret', () => {
  const { secret, hash } = createTokenSecret();
  const token = formatToken(42, secret);

  assert.match(token, /^piku_42_[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(parseToken(token), { id: 42, secret });
  assert.equal(hash, hashSecret(secret));
  assert.equal(hash.length, 64);
});

test('access: a token secret matches only its own hash', () => {
  const first = createTokenSecret();
  const second = createTokenSecret();

  assert.equal(isSecretMatching(first.secret, first.hash), true);
  assert.equal(isSecretMatching(second.secret, first.hash), false);
  assert.equal(isSecretMatching(first.secret, ''), false);
});

test('access: malformed token strings do not parse', () => {
  const secret = 'A'.repeat(43);
  for (const text of ['', `piku__${secret}`, `piku_1_${secret}x`, `piku_1_${'A'.repeat(42)}`, `pk_1_${secret}`, `piku_1_${'A'.repeat(42)}=`, `piku_-1_${secret}`]) {
    assert.equal(parseToken(text), undefined, text);
  }
});
