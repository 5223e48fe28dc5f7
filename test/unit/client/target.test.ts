import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { resolveTarget } from '../../../src/client/target.js';

const base = mkdtempSync(path.join(tmpdir(), 'piku-client-target-'));
after(() => rmSync(base, { recursive: true, force: true }));

// HOME points into the temp dir so the user's own ~/.gitconfig cannot add remotes.
const ENV = { PATH: process.env.PATH, HOME: base, GIT_CONFIG_NOSYSTEM: '1' };
const checkout = createCheckout('checkout', { piku: 'piku@main.example:blog', staging: 'ssh://deploy@staging.example:2222/blog-staging.git', broken: 'https://example.com/blog' });
const outside = base;

function createCheckout(name: string, remotes: Record<string, string>): string {
  const directory = path.join(base, name);
  execFileSync('git', ['init', '-q', directory], { env: ENV });
  for (const [remote, url] of Object.entries(remotes)) {
    execFileSync('git', ['remote', 'add', remote, url], { cwd: directory, env: ENV });
  }

  return directory;
}

test('client target: piku remote gives server and app', () => {
  assert.deepEqual(resolveTarget({ cwd: checkout, env: ENV }), {
    server: { destination: 'piku@main.example' },
    serverSource: 'git remote "piku"',
    app: 'blog',
    appSource: 'git remote "piku"',
  });
});

test('client target: -r names another remote', () => {
  assert.deepEqual(resolveTarget({ remote: 'staging', cwd: checkout, env: ENV }), {
    server: { destination: 'deploy@staging.example', port: 2222 },
    serverSource: 'git remote "staging"',
    app: 'blog-staging',
    appSource: 'git remote "staging"',
  });
});

test('client target: -r wins over PIKU_SERVER and PIKU_APP', () => {
  const env = { ...ENV, PIKU_SERVER: 'other@other.example', PIKU_APP: 'other' };

  assert.deepEqual(resolveTarget({ remote: 'staging', cwd: checkout, env }).app, 'blog-staging');
  assert.deepEqual(resolveTarget({ remote: 'staging', cwd: checkout, env }).server, { destination: 'deploy@staging.example', port: 2222 });
});

test('client target: each variable replaces its part of the remote', () => {
  const serverOnly = resolveTarget({ cwd: checkout, env: { ...ENV, PIKU_SERVER: 'ssh://other@other.example:2200' } });
  const appOnly = resolveTarget({ cwd: checkout, env: { ...ENV, PIKU_APP: 'wiki' } });

  assert.deepEqual(serverOnly, { server: { destination: 'other@other.example', port: 2200 }, serverSource: 'PIKU_SERVER', app: 'blog', appSource: 'git remote "piku"' });
  assert.deepEqual(appOnly, { server: { destination: 'piku@main.example' }, serverSource: 'git remote "piku"', app: 'wiki', appSource: 'PIKU_APP' });
});

test('client target: variables work outside a checkout', () => {
  assert.deepEqual(resolveTarget({ cwd: outside, env: { ...ENV, PIKU_SERVER: 'piku@main.example', PIKU_APP: 'blog' } }), {
    server: { destination: 'piku@main.example' },
    serverSource: 'PIKU_SERVER',
    app: 'blog',
    appSource: 'PIKU_APP',
  });
});

test('client target: nothing is known outside a checkout', () => {
  assert.deepEqual(resolveTarget({ cwd: outside, env: ENV }), { server: undefined, serverSource: undefined, app: undefined, appSource: undefined });
});

test('client target: empty variables count as unset', () => {
  assert.equal(resolveTarget({ cwd: checkout, env: { ...ENV, PIKU_SERVER: '', PIKU_APP: '' } }).app, 'blog');
});

test('client target: missing -r remote is an error', () => {
  assert.throws(() => resolveTarget({ remote: 'nope', cwd: checkout, env: ENV }), {
    code: 'PIKU_ERR_CLIENT_REMOTE_NOT_FOUND',
    message: `Git remote "nope" not found in "${checkout}": list the remotes with "git remote -v", or add it with "git remote add nope piku@HOST:APP".`,
  });
});

test('client target: remote that is not ssh is an error', () => {
  assert.throws(() => resolveTarget({ remote: 'broken', cwd: checkout, env: ENV }), {
    code: 'PIKU_ERR_CLIENT_REMOTE_INVALID',
    message: 'Git remote "broken" URL "https://example.com/blog" is invalid: use "user@host:app" or "ssh://user@host[:port]/app".',
  });
});
