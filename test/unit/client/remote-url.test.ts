import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatServerAddress, parseRemoteUrl, parseServerAddress, type RemoteTarget, type ServerAddress } from '../../../src/client/remote-url.js';

const REMOTES: Array<[string, RemoteTarget]> = [
  ['piku@example.com:blog', { server: { destination: 'piku@example.com' }, app: 'blog' }],
  ['piku@example.com:blog.git', { server: { destination: 'piku@example.com' }, app: 'blog' }],
  ['piku@example.com:/blog.git/', { server: { destination: 'piku@example.com' }, app: 'blog' }],
  ['example.com:blog', { server: { destination: 'example.com' }, app: 'blog' }],
  ['root@127.0.0.1:my-app.v2', { server: { destination: 'root@127.0.0.1' }, app: 'my-app.v2' }],
  ['piku@[::1]:blog', { server: { destination: 'piku@::1' }, app: 'blog' }],
  ['ssh://piku@example.com/blog', { server: { destination: 'piku@example.com' }, app: 'blog' }],
  ['ssh://piku@example.com:2222/blog', { server: { destination: 'piku@example.com', port: 2222 }, app: 'blog' }],
  ['ssh://piku@example.com:2222/blog.git', { server: { destination: 'piku@example.com', port: 2222 }, app: 'blog' }],
  ['ssh://example.com/blog', { server: { destination: 'example.com' }, app: 'blog' }],
  ['ssh://piku@[::1]:2222/blog', { server: { destination: 'piku@::1', port: 2222 }, app: 'blog' }],
  ['git+ssh://piku@example.com/blog', { server: { destination: 'piku@example.com' }, app: 'blog' }],
];

for (const [url, expected] of REMOTES) {
  test(`client remote url: reads ${url}`, () => {
    assert.deepEqual(parseRemoteUrl(url), expected);
  });
}

const INVALID_REMOTES = [
  'https://example.com/blog.git',
  'https://example.com',
  'file:///srv/blog',
  '/srv/git/blog',
  'git@github.com:owner/blog.git',
  'piku@example.com:',
  'piku@example.com:.git',
  'ssh://piku@example.com:2222/',
  'ssh://piku@example.com:99999/blog',
  'ssh://-oProxyCommand=touch%20x/blog',
  '-oProxyCommand=x:blog',
  'piku@-oProxyCommand=x:blog',
  '-x@example.com:blog',
  'piku@exa mple.com:blog',
  'blog',
];

for (const url of INVALID_REMOTES) {
  test(`client remote url: rejects ${url}`, () => {
    assert.throws(() => parseRemoteUrl(url), {
      code: 'PIKU_ERR_CLIENT_REMOTE_INVALID',
      message: `Git remote URL "${url}" is invalid: use "user@host:app" or "ssh://user@host[:port]/app".`,
    });
  });
}

test('client remote url: names the source in the error', () => {
  assert.throws(() => parseRemoteUrl('https://x/y', 'Git remote "piku" URL'), {
    message: 'Git remote "piku" URL "https://x/y" is invalid: use "user@host:app" or "ssh://user@host[:port]/app".',
  });
});

const SERVERS: Array<[string, ServerAddress]> = [
  ['piku@example.com', { destination: 'piku@example.com' }],
  ['example.com', { destination: 'example.com' }],
  ['ssh://piku@example.com:2222', { destination: 'piku@example.com', port: 2222 }],
  ['ssh://piku@example.com:2222/', { destination: 'piku@example.com', port: 2222 }],
  ['ssh://piku@example.com', { destination: 'piku@example.com' }],
  ['ssh://piku@[::1]:2222', { destination: 'piku@::1', port: 2222 }],
];

for (const [value, expected] of SERVERS) {
  test(`client server address: reads ${value}`, () => {
    assert.deepEqual(parseServerAddress(value), expected);
  });
}

for (const value of ['piku@example.com:blog', 'ssh://piku@example.com/blog', '-oProxyCommand=x', 'piku@', 'a b', '']) {
  test(`client server address: rejects ${JSON.stringify(value)}`, () => {
    assert.throws(() => parseServerAddress(value), {
      code: 'PIKU_ERR_CLIENT_REMOTE_INVALID',
      message: `PIKU_SERVER "${value}" is invalid: use "user@host" or "ssh://user@host:port".`,
    });
  });
}

test('client server address: formats as typed', () => {
  assert.equal(formatServerAddress({ destination: 'piku@example.com' }), 'piku@example.com');
  assert.equal(formatServerAddress({ destination: 'piku@example.com', port: 2222 }), 'ssh://piku@example.com:2222');
  assert.equal(formatServerAddress({ destination: '::1', port: 22 }), 'ssh://[::1]:22');
});
