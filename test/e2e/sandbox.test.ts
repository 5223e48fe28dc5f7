// The test bed itself: `scripts/sandbox up` starts sshd, nginx and the emperor on loopback, a push
// over its SSH deploys an example app, and `down` leaves no process behind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { deployApp, EXAMPLES_DIR } from '../helpers/deploy-app.js';
import { REPO_DIR, startSandbox, type Sandbox } from '../helpers/sandbox.js';

const SANDBOX_SCRIPT = path.join(REPO_DIR, 'scripts', 'sandbox');

describe('sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.stop());

  test('sandbox: sshd accepts connections', async () => {
    assert.equal(await isPortOpen(sandbox.sshPort), true);
  });

  test('sandbox: unknown host gets 404', async () => {
    const response = await sandbox.httpGet('unknown.test');

    assert.equal(response.status, 404);
  });

  test('sandbox: emperor is running', () => {
    const pid = readPidFile(path.join(sandbox.dir, 'uwsgi.pid'));

    assert.equal(isAlive(pid), true);
  });

  test('sandbox: env prints the exports', async () => {
    const result = await execa(SANDBOX_SCRIPT, ['env', sandbox.dir]);

    assert.equal(result.stdout, readFileSync(path.join(sandbox.dir, 'sandbox.env'), 'utf8').trimEnd());
    assert.equal(sandbox.env.PIKU_ROOT, path.join(sandbox.dir, 'root'));
    assert.equal(sandbox.env.PIKU_SANDBOX, sandbox.dir);
    assert.match(sandbox.env.PIKU_REMOTE!, /^[a-z_][a-z0-9_-]*@127\.0\.0\.1$/);
  });

  test('sandbox: second up is rejected', async () => {
    const result = await execa(SANDBOX_SCRIPT, ['up', sandbox.dir], { reject: false });

    assert.equal(result.exitCode, 1);
    assert.equal(
      result.stderr,
      `sandbox: sandbox "${sandbox.dir}" is already up: run "scripts/sandbox down ${sandbox.dir}" first.`,
    );
  });

  test('sandbox: ssh runs the CLI', async () => {
    const result = await sandbox.ssh(['apps']);

    assert.deepEqual(result, { exitCode: 0, stdout: 'No apps yet: push one with git push.', stderr: '' });
  });

  test('sandbox: setup repoints an old key', async () => {
    // A key line as a version before the one-file build wrote it runs dist/cli.js.
    const keysFile = path.join(sandbox.dir, 'home', '.ssh', 'authorized_keys');
    const bundle = path.join(REPO_DIR, 'dist', 'bundle', 'piku-server.cjs');
    const current = readFileSync(keysFile, 'utf8');
    writeFileSync(keysFile, current.replace(`'${bundle}'`, `'${path.join(REPO_DIR, 'dist', 'cli.js')}'`));
    assert.equal((await sandbox.ssh(['apps'])).exitCode, 0);

    const setup = await execa(process.execPath, [bundle, 'setup'], { env: { PIKU_ROOT: sandbox.root, HOME: path.join(sandbox.dir, 'home') }, reject: false });

    assert.deepEqual({ exitCode: setup.exitCode, stdout: setup.stdout }, {
      exitCode: 0,
      stdout: [
        `-----> Platform ready in ${sandbox.root}`,
        `       Emperor config: ${path.join(sandbox.root, 'uwsgi', 'uwsgi.ini')}`,
        `       Updated the forced command of 1 SSH key(s) to ${bundle}`,
      ].join('\n'),
    });
    assert.equal(readFileSync(keysFile, 'utf8'), current);
    assert.deepEqual(await sandbox.ssh(['apps']), { exitCode: 0, stdout: 'No apps yet: push one with git push.', stderr: '' });
  });

  test('sandbox: pushed python-wsgi example serves', async () => {
    const deploy = await deployApp(sandbox, path.join(EXAMPLES_DIR, 'python-wsgi'), 'python-wsgi');

    assert.equal(deploy.exitCode, 0, deploy.output);
    await sandbox.waitForBody('python-wsgi.example', 'python-wsgi: Hello from a Python WSGI app\n');
  });

  test('sandbox: down leaves no process', async () => {
    const pids = ['uwsgi.pid', 'nginx/nginx.pid', 'ssh/sshd.pid'].flatMap((file) =>
      listProcessTree(readPidFile(path.join(sandbox.dir, file))),
    );
    assert.ok(pids.length >= 5, `expected the servers and their children, found ${pids.join(' ')}`);

    const dir = sandbox.dir;
    await sandbox.stop();

    assert.deepEqual(pids.filter(isAlive), []);
    assert.deepEqual(listProcessesIn(dir), []);
  });
});

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function readPidFile(file: string): number {
  return Number(readFileSync(file, 'utf8').trim());
}

// A zombie counts as stopped: only its parent, or PID 1, can still reap it.
function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

// PID and its descendants; a process that exits while the tree is read is left out.
function listProcessTree(pid: number): number[] {
  try {
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );

    return [pid, ...children.flatMap(listProcessTree)];
  } catch {
    return [];
  }
}

// Processes whose working directory is inside `dir`: workers that outlived their vassal would be here.
function listProcessesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(`${dir}/`);
      } catch {
        return false;
      }
    })
    .map(Number);
}
