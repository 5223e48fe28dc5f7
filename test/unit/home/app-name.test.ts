import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAppName } from '../../../src/home/app-name.js';

const VALID_NAMES: [raw: string, expected: string][] = [
  ['blog', 'blog'],
  ['blog.git', 'blog'],
  ['/blog.git', 'blog'],
  ['/blog', 'blog'],
  ['my-app_2.v1', 'my-app_2.v1'],
  ['0day', '0day'],
  ['a', 'a'],
  ['app-', 'app-'],
  ['a'.repeat(63), 'a'.repeat(63)],
  [`${'a'.repeat(63)}.git`, 'a'.repeat(63)],
];

const INVALID_NAMES: string[] = [
  '',
  '/',
  '.git',
  '/.git',
  '//blog',
  'Blog',
  'BLOG.git',
  'blog.GIT',
  'my app',
  ' blog',
  'blog\n',
  '.hidden',
  '-app',
  '_app',
  'a..b',
  '../etc',
  'a/b',
  'blog/',
  "'blog'",
  'blög',
  'blog.git.git',
  'a'.repeat(64),
  `${'a'.repeat(64)}.git`,
];

for (const [raw, expected] of VALID_NAMES) {
  test(`app-name: accepts ${JSON.stringify(raw)}`, () => {
    assert.equal(validateAppName(raw), expected);
  });
}

for (const raw of INVALID_NAMES) {
  test(`app-name: rejects ${JSON.stringify(raw)}`, () => {
    assert.throws(() => validateAppName(raw), {
      name: 'PikuError',
      code: 'PIKU_ERR_APP_NAME_INVALID',
      message: `App name "${raw}" is invalid: use 1 to 63 lowercase letters, digits, "-", "." or "_", starting with a letter or digit.`,
    });
  });
}
