import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { getLayout, isWorkerSocketName, type Layout } from '../../../src/home/layout.js';
import { pointSocketLinks, removeUnusedSocketLinks } from '../../../src/nginx/socket-links.js';

let root: string;
let layout: Layout;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'piku-links-'));
  layout = getLayout({ PIKU_ROOT: root });
  mkdirSync(layout.nginx, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function listLinks(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(layout.nginx)
      .sort()
      .map((name) => [name, readlinkSync(path.join(layout.nginx, name))]),
  );
}

test('socket links: point wsgi and web workers at their slot', () => {
  pointSocketLinks(layout, 'blog', [
    { kind: 'wsgi', index: 1, slot: 'blue' },
    { kind: 'web', index: 2, slot: 'green' },
  ]);

  assert.deepEqual(listLinks(), { 'blog.web.2.sock': 'blog.web.2.green.sock', 'blog.wsgi.1.sock': 'blog.wsgi.1.blue.sock' });
});

test('socket links: restore puts the previous targets back', () => {
  pointSocketLinks(layout, 'blog', [{ kind: 'web', index: 1, slot: 'blue' }]);
  const restore = pointSocketLinks(layout, 'blog', [
    { kind: 'web', index: 1, slot: 'green' },
    { kind: 'web', index: 2, slot: 'green' },
  ]);
  assert.deepEqual(listLinks(), { 'blog.web.1.sock': 'blog.web.1.green.sock', 'blog.web.2.sock': 'blog.web.2.green.sock' });

  restore();

  assert.deepEqual(listLinks(), { 'blog.web.1.sock': 'blog.web.1.blue.sock' });
});

test('socket links: unused links go, sockets and other apps stay', () => {
  pointSocketLinks(layout, 'blog', [
    { kind: 'web', index: 1, slot: 'blue' },
    { kind: 'web', index: 2, slot: 'blue' },
  ]);
  pointSocketLinks(layout, 'blog.io', [{ kind: 'web', index: 2, slot: 'blue' }]);
  writeFileSync(path.join(layout.nginx, 'blog.web.2.blue.sock'), '');

  removeUnusedSocketLinks(layout, 'blog', [{ kind: 'web', index: 1, slot: 'blue' }]);

  assert.deepEqual(readdirSync(layout.nginx).sort(), ['blog.io.web.2.sock', 'blog.web.1.sock', 'blog.web.2.blue.sock']);
});

test('socket names: match only names of the app', () => {
  const cases: Array<[string, boolean, boolean]> = [
    ['blog.web.1.sock', true, true],
    ['blog.wsgi.12.sock', true, true],
    ['blog.web.1.green.sock', true, false],
    ['blog.wsgi.3.blue.sock', true, false],
    ['blog.worker.1.sock', false, false],
    ['blog.web.1.red.sock', false, false],
    ['blog.io.web.1.sock', false, false],
    ['blog2.web.1.sock', false, false],
    ['blog.sock', false, false],
    ['blog.crt', false, false],
  ];
  for (const [name, isSocket, isLink] of cases) {
    assert.equal(isWorkerSocketName('blog', name), isSocket, name);
    assert.equal(isWorkerSocketName('blog', name, { linksOnly: true }), isLink, `${name} as a link`);
  }
});
