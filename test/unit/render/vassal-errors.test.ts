import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import type { ProcfileEntry } from '../../../src/procfile/types.js';
import { createVassalContext, type VassalInput } from '../../../src/render/vassal.js';

const layout = getLayout({ PIKU_ROOT: '/srv/piku' });
const WORKER: ProcfileEntry = { kind: 'worker', category: 'worker', command: 'python worker.py', line: 2 };

function create(overrides: Partial<VassalInput>): void {
  createVassalContext({ app: 'blog', entry: WORKER, index: 1, layout, env: {}, codeDir: '/srv/piku/releases/blog/3', socket: '/srv/piku/nginx/blog.wsgi.1.blue.sock', ...overrides });
}

const cases: Array<{ name: string; input: Partial<VassalInput>; code: string; message: string }> = [
  {
    name: 'number setting not a number',
    input: { env: { UWSGI_PROCESSES: 'four' } },
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message: 'Setting UWSGI_PROCESSES has an invalid value "four": use a whole number from 1 to 1024.',
  },
  {
    name: 'number setting out of range',
    input: { env: { UWSGI_LISTEN: '70000' } },
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message: 'Setting UWSGI_LISTEN has an invalid value "70000": use a whole number from 1 to 65535.',
  },
  {
    name: 'python 2',
    input: { entry: { ...WORKER, kind: 'wsgi', category: 'wsgi', command: 'app:app' }, env: { PYTHON_VERSION: '2.7' } },
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message: 'Setting PYTHON_VERSION has an invalid value "2.7": use 3 or 3.<minor>, e.g. 3.11.',
  },
  {
    name: 'include file outside the app',
    input: { env: { UWSGI_INCLUDE_FILE: '../other/uwsgi.ini' } },
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message: 'Setting UWSGI_INCLUDE_FILE has an invalid value "../other/uwsgi.ini": use a path inside the app, e.g. uwsgi.ini.',
  },
  {
    name: 'placeholder in a value',
    input: { env: { LOG_FORMAT: 'secret %(asctime)s' } },
    code: 'PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE',
    message: 'Variable LOG_FORMAT contains "%(", which a uwsgi config cannot hold literally: remove it from the value.',
  },
  {
    name: 'newline in a value',
    input: { env: { TOKEN: 'secret\nmaster = false' } },
    code: 'PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE',
    message:
      'Variable TOKEN contains a newline, carriage return or NUL, which a uwsgi config cannot hold literally: remove it from the value.',
  },
  {
    name: 'carriage return in a command',
    input: { entry: { ...WORKER, command: 'run\rnow' } },
    code: 'PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE',
    message:
      'Procfile entry "worker" contains a newline, carriage return or NUL, which a uwsgi config cannot hold literally: remove it from the value.',
  },
  {
    name: 'NUL in a value',
    input: { env: { TOKEN: 'a\0b' } },
    code: 'PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE',
    message:
      'Variable TOKEN contains a newline, carriage return or NUL, which a uwsgi config cannot hold literally: remove it from the value.',
  },
  {
    name: 'invalid variable name',
    input: { env: { 'BAD NAME': 'x' } },
    code: 'PIKU_ERR_ENV_NAME_INVALID',
    message: 'Variable name "BAD NAME" is invalid: use letters, digits and "_", starting with a letter or "_".',
  },
  {
    name: 'invalid wsgi module',
    input: { entry: { ...WORKER, kind: 'wsgi', category: 'wsgi', command: 'app:create_app()' } },
    code: 'PIKU_ERR_RENDER_WSGI_MODULE_INVALID',
    message: 'WSGI module "app:create_app()" is invalid: use "package.module:callable", e.g. "app:application".',
  },
  {
    name: 'static entry',
    input: { entry: { ...WORKER, kind: 'static', category: 'static', command: 'public' } },
    code: 'PIKU_ERR_RENDER_KIND_NOT_SUPERVISED',
    message:
      'Procfile entry "static" of category "static" has no uwsgi vassal: render vassals only for wsgi, web, worker and cron entries.',
  },
  {
    name: 'web worker without a port',
    input: { entry: { ...WORKER, kind: 'web', category: 'web', command: 'node server.js' } },
    code: 'PIKU_ERR_RENDER_PORT_MISSING',
    message: 'Web worker "web" has no port: allocate a port before rendering its vassal.',
  },
  {
    name: 'socket path over 107 bytes',
    input: { entry: { kind: 'wsgi', category: 'wsgi', command: 'app:app', line: 1 }, socket: `/srv/${'p'.repeat(75)}/nginx/blog.wsgi.1.blue.sock` },
    code: 'PIKU_ERR_RENDER_SOCKET_PATH_TOO_LONG',
    message: `Socket path "/srv/${'p'.repeat(75)}/nginx/blog.wsgi.1.blue.sock" is 108 bytes, more than the 107 that a unix socket allows: use a shorter app name, or move PIKU_ROOT to a shorter path.`,
  },
];

for (const { name, input, code, message } of cases) {
  test(`vassal: rejects ${name}`, () => {
    assert.throws(() => create(input), { name: 'PikuError', code, message });
  });
}
