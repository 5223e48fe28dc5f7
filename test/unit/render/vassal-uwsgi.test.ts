import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import { createVassalContext, renderVassal } from '../../../src/render/vassal.js';
import { startUwsgi, stopUwsgi, waitForFile } from '../../helpers/uwsgi-run.js';

// Values that uwsgi would rewrite if they were written into the ini file as they are.
const HOSTILE_ENV: Record<string, string> = {
  DOLLAR: '$(HOME) $$(PATH) ${HOME} $',
  AT: '@(/etc/hostname) @(exec://id) @',
  PERCENT: '%d %n %% 100% %',
  EDGE_SPACES: '  both ends\t ',
  INI_SYNTAX: 'a ; b # c [uwsgi] = d',
  QUOTES: `'single' "double" \\back`,
  EMPTY: '',
};
const LITERAL = '$(id) @(exec://id) 100% %d $$( @@( %%';

test('vassal: uwsgi reads hostile values back literally', async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'piku-vassal-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const layout = getLayout({ PIKU_ROOT: root });
  await mkdir(path.join(layout.apps, 'blog'), { recursive: true });
  await mkdir(path.join(layout.logs, 'blog'), { recursive: true });

  // The command itself carries the hostile text, inside shell single quotes.
  const command = `printf '%s' '${LITERAL}' > "$DUMP_DIR/literal"; printenv -0 > "$DUMP_DIR/env.tmp"; mv "$DUMP_DIR/env.tmp" "$DUMP_DIR/env"; exec sleep 60`;
  const entry = { kind: 'worker', category: 'worker' as const, command, line: 1 };
  const env = { ...HOSTILE_ENV, DUMP_DIR: root };
  const iniFile = path.join(root, 'blog_worker.1.ini');
  await writeFile(iniFile, renderVassal(createVassalContext({ app: 'blog', entry, index: 1, layout, env, codeDir: root })));

  const uwsgi = startUwsgi(iniFile);
  t.after(() => stopUwsgi(uwsgi));
  const dump = await waitForFile(path.join(root, 'env'), (text) => text.includes('PROC_TYPE='));
  const variables = new Map(dump.split('\0').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));

  for (const [name, value] of Object.entries(HOSTILE_ENV)) {
    assert.equal(variables.get(name), value, `variable ${name}`);
  }
  assert.equal(variables.get('PROC_TYPE'), 'worker');
  assert.equal(await readFile(path.join(root, 'literal'), 'utf8'), LITERAL);
});
