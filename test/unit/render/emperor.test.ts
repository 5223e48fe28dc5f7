import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { getLayout, getVassalName, getWorkerLogPath } from '../../../src/home/layout.js';
import { renderEmperorIni } from '../../../src/render/emperor.js';
import { createVassalContext, renderVassal } from '../../../src/render/vassal.js';
import { startUwsgi, stopUwsgi, waitForFile } from '../../helpers/uwsgi-run.js';

test('emperor: ini watches uwsgi-enabled each second', () => {
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
      '; A deploy waits for the emperor to notice new vassal files, so the directory is polled each second.',
      'emperor-freq = 1',
      'logto = /srv/piku/logs/_platform/uwsgi.log',
      'log-maxsize = 1048576',
      'log-backupname = /srv/piku/logs/_platform/uwsgi.log.old',
      '',
    ].join('\n'),
  );
});

test('emperor: runs a vassal dropped into uwsgi-enabled', async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'piku-emperor-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const layout = getLayout({ PIKU_ROOT: root });
  for (const dir of [layout.uwsgi, layout.uwsgiEnabled, layout.platformLogs, path.join(layout.apps, 'blog'), path.join(layout.logs, 'blog')]) {
    await mkdir(dir, { recursive: true });
  }
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
