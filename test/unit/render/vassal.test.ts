import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import type { ProcfileEntry } from '../../../src/procfile/types.js';
import { createVassalContext, renderVassal, type VassalInput } from '../../../src/render/vassal.js';

const layout = getLayout({ PIKU_ROOT: '/srv/piku' });
const WORKER: ProcfileEntry = { kind: 'worker', category: 'worker', command: 'python worker.py', line: 2 };

function render(overrides: Partial<VassalInput> = {}): string {
  return renderVassal(createVassalContext({ app: 'blog', entry: WORKER, index: 1, layout, env: {}, codeDir: '/srv/piku/releases/blog/3', socket: '/srv/piku/nginx/blog.wsgi.1.blue.sock', ...overrides }));
}

// Lines every vassal starts with, for worker `kind`.`index` of app blog with default settings; an
// HTTP worker's process title ends with its slot.
function getHeader(kind: string, index = 1, slot?: string, listen = 48): string[] {
  return [
    `; Worker ${kind}.${index} of app blog, written by piku on each deploy.`,
    '[uwsgi]',
    '; uwsgi expands $(...), @(...) and %(...) in values. A value that must keep "$(" or "@(" is',
    '; written as %(piku-dollar)( or %(piku-at)(, and %(piku-empty) keeps spaces at its ends.',
    'set-placeholder = piku-dollar=$',
    'set-placeholder = piku-at=@',
    'set-placeholder = piku-empty=',
    'chdir = /srv/piku/releases/blog/3',
    'master = true',
    `procname-prefix-spaced = blog:${kind}.${index}${slot === undefined ? '' : `.${slot}`}`,
    'processes = 2',
    `listen = ${listen}`,
    'max-requests = 1024',
    'enable-threads = true',
    'log-x-forwarded-for = false',
    `logto = /srv/piku/logs/blog/${kind}.${index}.log`,
    'log-maxsize = 1048576',
    `log-backupname = /srv/piku/logs/blog/${kind}.${index}.log.old`,
    'log-master-stream = true',
  ];
}

const lines = (...parts: string[][]) => `${parts.flat().join('\n')}\n`;

test('vassal: worker runs its command with attach-daemon', () => {
  const text = render({ env: { DATABASE_URL: 'postgres://db/blog' } });

  assert.equal(
    text,
    lines(getHeader('worker'), [
      'attach-daemon = python worker.py',
      'env = DATABASE_URL=postgres://db/blog',
      'env = PROC_TYPE=worker',
    ]),
  );
});

test('vassal: web worker gets PORT over the env, behind a router socket', () => {
  const entry: ProcfileEntry = { kind: 'web', category: 'web', command: 'node server.js', line: 1 };
  const socket = '/srv/piku/nginx/blog.web.2.green.sock';
  const text = render({ entry, index: 2, slot: 'green', port: 20001, socket, env: { PORT: '1', NODE_ENV: 'production' } });

  assert.equal(
    text,
    lines(getHeader('web', 2, 'green', 1024), [
      'plugin = rawrouter',
      'rawrouter = /srv/piku/nginx/blog.web.2.green.sock',
      'rawrouter-to = 127.0.0.1:20001',
      'rawrouter-timeout = 86405',
      'chmod-socket = 660',
      'attach-daemon = node server.js',
      'env = PORT=20001',
      'env = NODE_ENV=production',
      'env = PROC_TYPE=web',
    ]),
  );
});

test('vassal: web router backlog follows UWSGI_LISTEN', () => {
  const entry: ProcfileEntry = { kind: 'web', category: 'web', command: 'node server.js', line: 1 };
  const text = render({ entry, slot: 'blue', port: 20001, socket: '/srv/piku/nginx/blog.web.1.blue.sock', env: { UWSGI_LISTEN: '200' } });

  assert.match(text, /^listen = 200$/m);
});

test('vassal: wsgi worker loads the module', () => {
  const entry: ProcfileEntry = { kind: 'wsgi', category: 'wsgi', command: 'blog.app:application', line: 1 };
  const text = render({ entry, slot: 'blue', virtualenv: '/srv/piku/envs/blog', env: { PYTHON_VERSION: '3.11' } });

  assert.equal(
    text,
    lines(getHeader('wsgi', 1, 'blue'), [
      'plugin = python311',
      'virtualenv = /srv/piku/envs/blog',
      'module = blog.app:application',
      'threads = 4',
      'socket = /srv/piku/nginx/blog.wsgi.1.blue.sock',
      'chmod-socket = 660',
      'env = PYTHON_VERSION=3.11',
      'env = PROC_TYPE=wsgi',
    ]),
  );
});

test('vassal: cron worker gets the schedule', () => {
  const entry: ProcfileEntry = {
    kind: 'cron-nightly',
    category: 'cron',
    command: 'python nightly.py',
    line: 3,
    schedule: { minute: 30, hour: 3, day: -1, month: -1, weekday: -2 },
  };

  assert.equal(
    render({ entry }),
    lines(getHeader('cron-nightly'), ['cron = 30 3 -1 -1 -2 python nightly.py', 'env = PROC_TYPE=cron-nightly']),
  );
});

test('vassal: settings replace the defaults', () => {
  const entry: ProcfileEntry = { kind: 'wsgi', category: 'wsgi', command: 'app:app', line: 1 };
  const env = {
    UWSGI_PROCESSES: '8',
    UWSGI_THREADS: '16',
    UWSGI_LISTEN: '1024',
    UWSGI_MAX_REQUESTS: '0',
    UWSGI_ENABLE_THREADS: 'off',
    UWSGI_LOG_X_FORWARDED_FOR: 'Yes',
    UWSGI_LOG_MAXSIZE: '2048',
    UWSGI_IDLE: '300',
    UWSGI_ASYNCIO: '100',
    UWSGI_INCLUDE_FILE: './deploy/uwsgi.ini',
  };
  const text = render({ entry, slot: 'blue', env });

  assert.equal(
    text,
    lines(
      getHeader('wsgi', 1, 'blue').slice(0, 10),
      [
        'processes = 8',
        'listen = 1024',
        'max-requests = 0',
        'enable-threads = false',
        'log-x-forwarded-for = true',
        'logto = /srv/piku/logs/blog/wsgi.1.log',
        'log-maxsize = 2048',
        'log-backupname = /srv/piku/logs/blog/wsgi.1.log.old',
        'log-master-stream = true',
        'idle = 300',
        'cheap = true',
        'die-on-idle = true',
        'plugin = python3',
        'plugin = asyncio_python3',
        'asyncio = 100',
        'module = app:app',
        'threads = 16',
        'socket = /srv/piku/nginx/blog.wsgi.1.blue.sock',
        'chmod-socket = 660',
        'ini = /srv/piku/releases/blog/3/deploy/uwsgi.ini',
      ],
      Object.entries(env).map(([name, value]) => [`env = ${name}=${value}`]).flat(),
      ['env = PROC_TYPE=wsgi'],
    ),
  );
});

test('vassal: uwsgi expansions are escaped', () => {
  const entry: ProcfileEntry = { kind: 'worker', category: 'worker', command: "echo '$(id) @(x) 5%' ", line: 1 };
  const text = render({ entry, env: { GREETING: '  hi $$(HOME) %d 100% ' } });

  assert.equal(
    text,
    lines(getHeader('worker'), [
      "attach-daemon = echo '%(piku-dollar)(id) %(piku-at)(x) 5%%' %(piku-empty)",
      'env = GREETING=%(piku-empty)  hi $%(piku-dollar)(HOME) %%d 100%% %(piku-empty)',
      'env = PROC_TYPE=worker',
    ]),
  );
});
