import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCsrfToken, isCsrfTokenValid } from '../../../src/web/csrf.js';

test('web: a CSRF token matches only itself', () => {
  const token = createCsrfToken();

  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(isCsrfTokenValid(token, token), true);
  assert.equal(isCsrfTokenValid(token, createCsrfToken()), false);
  assert.equal(isCsrfTokenValid(token, token.slice(0, -1)), false);
  assert.equal(isCsrfTokenValid(token, undefined), false);
  assert.equal(isCsrfTokenValid(token, null), false);
  assert.equal(isCsrfTokenValid('', ''), false);
});
