import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { getLayout, type Layout } from '../../../src/home/layout.js';
import { disableVassals, installVassals, removeVassals } from '../../../src/uwsgi/vassal-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'install-vassals-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let rootNumber = 0;

function createLayout(): Layout {
  return getLayout({ PIKU_ROOT: path.join(dir, `root-${++rootNumber}`) });
}

// Sets the file's mtime an hour back, so any rewrite shows as a newer mtime.
function ageFile(file: string): number {
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  utimesSync(file, hourAgo, hourAgo);

  return statSync(file).mtimeMs;
}

const WEB = { name: 'blog_web.1.ini', text: '[uwsgi]\nweb\n' };
const WORKER = { name: 'blog_worker.1.ini', text: '[uwsgi]\nworker\n' };

test('vassal install: leaves unchanged vassals alone when asked', () => {
  const layout = createLayout();
  installVassals(layout, 'blog', [WEB, WORKER], { enable: true, restartUnchanged: true });
  const webFile = path.join(layout.uwsgiEnabled, WEB.name);
  const workerFile = path.join(layout.uwsgiEnabled, WORKER.name);
  const webMtime = ageFile(webFile);
  const workerMtime = ageFile(workerFile);

  installVassals(layout, 'blog', [WEB, { ...WORKER, text: '[uwsgi]\nworker changed\n' }], { enable: true, restartUnchanged: false });

  assert.equal(statSync(webFile).mtimeMs, webMtime);
  assert.ok(statSync(workerFile).mtimeMs > workerMtime);
});

test('vassal install: rewrites every vassal for a restart', () => {
  const layout = createLayout();
  installVassals(layout, 'blog', [WEB], { enable: true, restartUnchanged: true });
  const webFile = path.join(layout.uwsgiEnabled, WEB.name);
  const first = statSync(webFile).mtimeMs;

  // Two writes within one second still move the mtime forward by a whole second.
  installVassals(layout, 'blog', [WEB], { enable: true, restartUnchanged: true });

  assert.ok(Math.floor(statSync(webFile).mtimeMs / 1000) > Math.floor(first / 1000));
});

test('vassal install: removes vassals scaled away', () => {
  const layout = createLayout();
  installVassals(layout, 'blog', [WEB, WORKER], { enable: true, restartUnchanged: true });

  const removed = installVassals(layout, 'blog', [WEB], { enable: true, restartUnchanged: false });

  assert.deepEqual(removed, [WORKER.name]);
  assert.deepEqual(readdirSync(layout.uwsgiEnabled), [WEB.name]);
});

test('vassal install: disable keeps available copies and other apps', () => {
  const layout = createLayout();
  installVassals(layout, 'blog', [WEB], { enable: true, restartUnchanged: true });
  installVassals(layout, 'blog2', [{ ...WEB, name: 'blog2_web.1.ini' }], { enable: true, restartUnchanged: true });
  installVassals(layout, 'blog_x', [{ ...WEB, name: 'blog_x_web.1.ini' }], { enable: true, restartUnchanged: true });

  assert.deepEqual(disableVassals(layout, 'blog'), [WEB.name]);

  assert.deepEqual(readdirSync(layout.uwsgiEnabled).sort(), ['blog2_web.1.ini', 'blog_x_web.1.ini']);
  assert.equal(existsSync(path.join(layout.uwsgiAvailable, WEB.name)), true);
});

test('vassal install: remove deletes both copies of one app only', () => {
  const layout = createLayout();
  installVassals(layout, 'blog', [WEB], { enable: true, restartUnchanged: true });
  installVassals(layout, 'blog2', [{ ...WEB, name: 'blog2_web.1.ini' }], { enable: true, restartUnchanged: true });

  assert.deepEqual(removeVassals(layout, 'blog'), [WEB.name]);

  assert.deepEqual(readdirSync(layout.uwsgiEnabled), ['blog2_web.1.ini']);
  assert.deepEqual(readdirSync(layout.uwsgiAvailable), ['blog2_web.1.ini']);
});
