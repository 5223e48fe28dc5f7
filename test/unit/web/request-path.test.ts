import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGitRequest } from '../../../src/web/git-http.js';
import { splitRequestPath } from '../../../src/web/request-path.js';

test('web: request paths split into decoded segments', () => {
  assert.deepEqual(splitRequestPath('/'), []);
  assert.deepEqual(splitRequestPath('/apps/blog/deploys/7?x=1'), ['apps', 'blog', 'deploys', '7']);
  assert.deepEqual(splitRequestPath('/apps/bl%6fg'), ['apps', 'blog']);
});

test('web: path tricks are refused', () => {
  for (const url of ['/apps/..', '/apps/%2e%2e/x', '/apps/.', '/apps/a%2Fb', '/apps/a%2fb', '/apps/a%5cb', '/apps/a\\b', '/apps/%00', '/apps/%zz', 'apps', '/apps/a%0ab']) {
    assert.equal(splitRequestPath(url), undefined, url);
  }
});

test('web: git URLs name the app and the service', () => {
  assert.deepEqual(parseGitRequest(['blog.git', 'info', 'refs'], '/blog.git/info/refs?service=git-receive-pack'), { app: 'blog', service: 'receive-pack' });
  assert.deepEqual(parseGitRequest(['blog.git', 'git-upload-pack'], '/blog.git/git-upload-pack'), { app: 'blog', service: 'upload-pack' });
  assert.equal(parseGitRequest(['blog.git', 'info', 'refs'], '/blog.git/info/refs?service=git-shell'), undefined);
  assert.equal(parseGitRequest(['blog.git', 'HEAD'], '/blog.git/HEAD'), undefined);
  assert.equal(parseGitRequest(['blog', 'info', 'refs'], '/blog/info/refs?service=git-upload-pack'), undefined);
  assert.throws(() => parseGitRequest(['Blog_1.git', 'git-upload-pack'], '/Blog_1.git/git-upload-pack'), { code: 'PIKU_ERR_APP_NAME_INVALID' });
});
