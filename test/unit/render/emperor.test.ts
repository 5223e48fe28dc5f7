import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { getLayout, getVassalName, getWorkerLogPath, type Layout } from '../../../src/home/layout.js';
import { renderEmperorIni } from '../../../src/render/emperor.js';
import { createVassalContext, renderVassal } from '../../../src/render/vassal.js';
import { readEmperorVassals } from '../../../src/uwsgi/emperor-socket.js';
import { countRunningWorkers, countWorkersFromProc, countWorkersFromStats } from '../../../src/uwsgi/emperor-state.js';
import { writeVassals } from '../../../src/uwsgi/vassal-files.js';
import { startUwsgi, stopUwsgi, waitForFile } from '../../helpers/uwsgi-run.js';

test('emperor: ini with stats socket', () => {
  const text = renderEmperorIni({ layout: getLayout({ PIKU_ROOT: '/srv/piku' }) });

  assert.equal(
    text,
    [
      '; The uwsgi emperor of piku: it runs one vassal per ini file in uwsgi-enabled/.',
      '[uwsgi]',
      '; uwsgi expands $(...), @(...) and %(...) in values. A value that must keep "$(" or "@(" is',
      '; written as %(piku-dollar)( or %(piku-at)(, and %(piku-empty) keeps spaces at its ends.',
      'set-placeholder = piku-dollar=$',
      'set-placeholder = piku-at=@',
      'set-placeholder = piku-empty=',
      'master = true',
      'emperor = /srv/piku/uwsgi-enabled',
      '; After changing vassal files, a deploy connects to this socket: the emperor scans uwsgi-enabled/',
      '; right after answering, so new workers start at once.',
      'emperor-stats = /srv/piku/uwsgi/emperor.sock',
      '; uwsgi counts a vassal as loyal once a worker has served a request. web and worker vassals serve',
      '; none, so each removal of a slot would put its file name on the blacklist, and the next deploy\'s',
      '; vassal of the same name would wait one more second each time. Crash loops are caught by deploys.',
      'emperor-no-blacklist = true',
      '; The directory is also polled each second, for changes made without that connection.',
      'emperor-freq = 1',
      'logto = /srv/piku/logs/_platform/uwsgi.log',
      'log-maxsize = 1048576',
      'log-backupname = /srv/piku/logs/_platform/uwsgi.log.old',
      '',
    ].join('\n'),
  );
});

test('emperor: long root omits stats socket', () => {
  const text = renderEmperorIni({ layout: getLayout({ PIKU_ROOT: `/srv/${'p'.repeat(100)}` }) });

  assert.doesNotMatch(text, /emperor-stats/);
  assert.match(text, /\nemperor-freq = 1\n/);
});

// A throwaway PIKU_ROOT with the folders the emperor and app "blog" need.
async function createEmperorRoot(t: TestContext): Promise<Layout> {
  const root = await mkdtemp(path.join(tmpdir(), 'piku-emperor-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const layout = getLayout({ PIKU_ROOT: root });
  for (const dir of [layout.uwsgi, layout.uwsgiEnabled, layout.platformLogs, path.join(layout.apps, 'blog'), path.join(layout.logs, 'blog')]) {
    await mkdir(dir, { recursive: true });
  }

  return layout;
}

test('emperor: runs a vassal dropped into uwsgi-enabled', async (t) => {
  const layout = await createEmperorRoot(t);
  await writeFile(layout.emperorIni, renderEmperorIni({ layout }));

  const emperor = startUwsgi(layout.emperorIni);
  t.after(() => stopUwsgi(emperor));
  await waitForFile(path.join(layout.platformLogs, 'uwsgi.log'), (text) => text.includes('*** starting uWSGI Emperor ***'));

  const entry = { kind: 'worker', category: 'worker' as const, command: "sh -c 'echo started; sleep 60'", line: 1 };
  const vassal = renderVassal(createVassalContext({ app: 'blog', entry, index: 1, layout, env: {}, codeDir: path.join(layout.apps, 'blog') }));
  await writeFile(path.join(layout.uwsgiEnabled, getVassalName('blog', 'worker', 1)), vassal);
  const log = await waitForFile(getWorkerLogPath(layout, 'blog', 'worker', 1), (text) => text.includes('\nstarted\n'));

  assert.match(log, /\[uwsgi-daemons\] spawning "sh -c 'echo started; sleep 60'"/);
  await stopUwsgi(emperor);
  assert.match(await waitForFile(path.join(layout.platformLogs, 'uwsgi.log'), (text) => text.includes('The Emperor is buried.')), /The Emperor is buried\./);
});

test('emperor: writing vassals wakes it', async (t) => {
  const layout = await createEmperorRoot(t);
  // One scan every ten minutes, so only the wake can start the vassal while the test waits.
  await writeFile(layout.emperorIni, renderEmperorIni({ layout }).replace('emperor-freq = 1', 'emperor-freq = 600'));
  const emperor = startUwsgi(layout.emperorIni);
  t.after(() => stopUwsgi(emperor));
  await waitForFile(path.join(layout.platformLogs, 'uwsgi.log'), (text) => text.includes('*** Emperor stats server enabled'));

  const entry = { kind: 'worker', category: 'worker' as const, command: "sh -c 'echo woken; sleep 60'", line: 1 };
  const vassal = renderVassal(createVassalContext({ app: 'blog', entry, index: 1, layout, env: {}, codeDir: path.join(layout.apps, 'blog') }));
  writeVassals(layout, [{ name: getVassalName('blog', 'worker', 1), text: vassal }], { enable: true, restartUnchanged: true });

  const log = await waitForFile(getWorkerLogPath(layout, 'blog', 'worker', 1), (text) => text.includes('\nwoken\n'));
  assert.match(log, /\[uwsgi-daemons\] spawning "sh -c 'echo woken; sleep 60'"/);
  // The emperor's stats and the /proc scan count the same worker.
  const vassals = await readEmperorVassals(layout);
  assert.deepEqual(vassals?.map((vassal) => vassal.name), ['blog_worker.1.ini']);
  assert.ok((vassals?.[0]?.pid ?? 0) > 0);
  assert.deepEqual(await countWorkersFromStats(layout), new Map([['blog', 1]]));
  assert.deepEqual(countWorkersFromProc(layout), new Map([['blog', 1]]));
  // A limit of 0 processes reads the stats, an unbounded one scans.
  assert.deepEqual(await countRunningWorkers(layout, 0), new Map([['blog', 1]]));
  assert.deepEqual(await countRunningWorkers(layout, Number.POSITIVE_INFINITY), new Map([['blog', 1]]));
});
