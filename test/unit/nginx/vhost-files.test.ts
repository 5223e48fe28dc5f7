import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import { getSettings } from '../../../src/home/settings.js';
import { applyVhost, checkVhost, type VhostChange } from '../../../src/nginx/vhost-files.js';
import { openDatabase } from '../../../src/store/db.js';

// A root whose "nginx -t" and "nginx -s reload" append a line to a log instead of running nginx.
function createChange(t: TestContext): { change: VhostChange; log: string; nginxDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'piku-vhost-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const layout = getLayout({ PIKU_ROOT: root });
  mkdirSync(layout.nginx, { recursive: true });
  const log = path.join(root, 'nginx-calls.log');
  const settings = getSettings(layout, { PIKU_NGINX_TEST: `sh -c "echo test >> ${log}"`, PIKU_NGINX_RELOAD: `sh -c "echo reload >> ${log}"` });
  const db = openDatabase(layout);
  t.after(() => db.close());
  const file = path.join(layout.nginx, 'blog.conf');
  const change = { db, settings, app: 'blog', file, text: 'server {}\n', notify: () => {}, holder: 'test' };

  return { change, log, nginxDir: layout.nginx };
}

test('vhost files: checked text tested once', async (t) => {
  const { change, log } = createChange(t);

  const checked = await checkVhost(change);
  await applyVhost(change, checked);

  assert.equal(readFileSync(log, 'utf8'), 'test\nreload\n');
  assert.equal(readFileSync(change.file, 'utf8'), 'server {}\n');
});

test('vhost files: other file change retests', async (t) => {
  const { change, log, nginxDir } = createChange(t);

  const checked = await checkVhost(change);
  writeFileSync(path.join(nginxDir, 'other.conf'), 'server { listen 8080; }\n');
  await applyVhost(change, checked);

  assert.equal(readFileSync(log, 'utf8'), 'test\ntest\nreload\n');
});

test('vhost files: new text retests', async (t) => {
  const { change, log } = createChange(t);

  const checked = await checkVhost(change);
  await applyVhost({ ...change, text: 'server { listen 81; }\n' }, checked);

  assert.equal(readFileSync(log, 'utf8'), 'test\ntest\nreload\n');
});
