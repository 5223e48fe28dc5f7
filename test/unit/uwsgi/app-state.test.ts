import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { getAppPaths, getLayout } from '../../../src/home/layout.js';
import { describeAppState, describeAppStates } from '../../../src/uwsgi/app-state.js';

test('app state: vassal counts per app', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'piku-app-state-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const layout = getLayout({ PIKU_ROOT: root });
  mkdirSync(layout.uwsgiEnabled, { recursive: true });
  for (const name of ['blog_web.1.blue.ini', 'blog_worker.1.ini', 'blog_x_web.1.green.ini', 'notes.txt']) {
    writeFileSync(path.join(layout.uwsgiEnabled, name), '[uwsgi]\n');
  }
  for (const app of ['blog', 'blog_x', 'idle', 'paused']) {
    const release = path.join(layout.releases, app, '1');
    mkdirSync(release, { recursive: true });
    mkdirSync(layout.apps, { recursive: true });
    symlinkSync(release, getAppPaths(layout, app).live);
  }
  mkdirSync(getAppPaths(layout, 'paused').env, { recursive: true });
  writeFileSync(getAppPaths(layout, 'paused').stoppedMarker, 'Stopped\n');

  assert.deepEqual(
    describeAppStates(layout, ['blog', 'blog_x', 'idle', 'paused', 'new']),
    new Map([
      ['blog', 'running (0 of 2 workers)'],
      ['blog_x', 'running (0 of 1 worker)'],
      ['idle', 'running (no workers)'],
      ['paused', 'stopped'],
      ['new', 'not deployed'],
    ]),
  );
  assert.equal(describeAppState(layout, 'blog', []), 'running (0 of 2 workers)');
});
