import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBasicAuth, parseCookies, serializeCookie } from '../../../src/web/http-auth.js';

const encode = (text: string) => Buffer.from(text).toString('base64');

test('web: Basic credentials parse into user and password', () => {
  assert.deepEqual(parseBasicAuth(`Basic ${encode('dev:piku_1_abc')}`), { user: 'dev', password: 'piku_1_abc' });
  assert.deepEqual(parseBasicAuth(`basic ${encode('dev:a:b')}`), { user: 'dev', password: 'a:b' });
  assert.deepEqual(parseBasicAuth(`Basic ${encode('dev:')}`), { user: 'dev', password: '' });
});

test('web: malformed authorization headers are rejected', () => {
  for (const header of [undefined, '', 'Bearer abc', `Basic ${encode('no-colon')}`, `Basic ${encode(':password')}`, 'Basic !!!', `Basic ${encode('a:b')} extra`]) {
    assert.equal(parseBasicAuth(header), undefined, String(header));
  }
});

test('web: cookies parse with the first of a name winning', () => {
  assert.deepEqual([...parseCookies('a=1; b=2; a=3; broken; =x')], [['a', '1'], ['b', '2']]);
  assert.deepEqual([...parseCookies(undefined)], []);
});

test('web: session cookies are HttpOnly and SameSite=Strict', () => {
  assert.equal(serializeCookie('piku_session', 'abc', { maxAgeSeconds: 60, isSecure: false }), 'piku_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict');
  assert.equal(serializeCookie('piku_session', 'abc', { maxAgeSeconds: 60, isSecure: true }), 'piku_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure');
});
