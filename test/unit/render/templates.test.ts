import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writePrecompiledTemplates } from '../../../src/render/templates.js';

const TEMPLATES_DIR = path.resolve(import.meta.dirname, '../../../templates');

test('templates: build precompiles every template', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'piku-templates-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'precompiled-templates.cjs');

  writePrecompiledTemplates(file);
  const precompiled = createRequire(import.meta.url)(file) as Record<string, { source: string; spec: { main: unknown } }>;

  assert.deepEqual(Object.keys(precompiled).sort(), [
    'git/pre-receive.sh',
    'nginx/uwsgi-params.conf',
    'nginx/vhost-cache.conf',
    'nginx/vhost-upstream.conf',
    'nginx/vhost.conf',
    'uwsgi/emperor.ini',
    'uwsgi/placeholders.ini',
    'uwsgi/vassal.ini',
  ]);
  for (const [name, entry] of Object.entries(precompiled)) {
    assert.equal(entry.source, await readFile(path.join(TEMPLATES_DIR, `${name}.hbs`), 'utf8'), name);
    assert.equal(typeof entry.spec.main, 'function', name);
  }
});
