import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppVassal } from '../../../src/uwsgi/vassal-files.js';

const CASES: Array<[app: string, file: string, expected: boolean]> = [
  ['blog', 'blog_web.1.ini', true],
  ['blog', 'blog_cron-nightly.1.ini', true],
  ['blog', 'blog2_web.1.ini', false],
  ['blog', 'blog_x_web.1.ini', false],
  ['blog_x', 'blog_x_web.1.ini', true],
  ['blog', 'blog_web.1.ini.tmp', false],
  ['blog', 'blog_web.ini', false],
  ['blog.io', 'blog.io_wsgi.12.ini', true],
  ['blog', 'blogXweb.1.ini', false],
];

for (const [app, file, expected] of CASES) {
  test(`vassal files: ${file} ${expected ? 'belongs' : 'does not belong'} to ${app}`, () => {
    assert.equal(isAppVassal(app, file), expected);
  });
}
