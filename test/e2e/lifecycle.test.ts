// The app lifecycle over SSH: ps, ps:scale, stop, restart and destroy, checked against the real
// process list (the vassal masters' titles "<app>:<kind>.<n> uWSGI master", with ".<slot>" after an
// HTTP worker's number) as well as the output. The fixture drains an old slot for 1 s, so a test
// waits for the old slot's workers to be gone before it compares process lists.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { formatTable } from '../../src/cli/table.js';
import { getNextCronRun } from '../../src/procfile/cron.js';
import { deployApp, pushCommit } from '../helpers/deploy-app.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';

const APP = 'blog';
const HOST = 'blog.test';
const appEnv = (host: string) => `NGINX_SERVER_NAME=${host}\nDEPLOY_DRAIN_SECONDS=1\n`;
const NEIGHBOURS = [
  { app: 'blog2', host: 'blog2.test' },
  { app: 'blog_x', host: 'blog-x.test' },
];

describe('lifecycle', () => {
  const getSandbox = useSandbox();
  const ssh = (...words: string[]) => getSandbox().ssh(words);
  const at = (...parts: string[]) => path.join(getSandbox().root, ...parts);
  const readScalingFile = () => readFileSync(at('envs', APP, 'SCALING'), 'utf8');
  const waitForWorkers = (app: string, expected: string[]) => waitForMasters(getSandbox(), app, expected);
  const getSlot = (app = APP) => readServingSlot(getSandbox(), app);
  // The master title's name of a web worker in the serving slot: "web.1.green".
  const getWebName = (index = 1, app = APP) => `web.${index}.${getSlot(app)}`;
  let workdir = '';

  test('lifecycle: the fixture deploys and serves', async () => {
    const deploy = await deployApp(getSandbox(), 'lifecycle-web', APP, { files: { ENV: appEnv(HOST) } });

    assert.equal(deploy.exitCode, 0, deploy.output);
    workdir = deploy.workdir;
    await waitForWorkers(APP, ['cron.1', getWebName(), 'worker.1']);
    await getSandbox().waitForBody(HOST, `port ${getPort(getSandbox(), APP, 1)}\n`);
  });

  test('ps: lists each worker with its process', async () => {
    const masters = listMasters(getSandbox(), APP);
    const expected = `App "blog" runs release 1.\n${formatTable(['KIND', 'WORKER', 'STATE', 'PID', 'DETAIL'], [
      ['web', 'web.1', 'running', String(masters.get(getWebName())), `port ${getPort(getSandbox(), APP, 1)}`],
      ['worker', 'worker.1', 'running', String(masters.get('worker.1')), ''],
      ['cron', 'cron.1', 'running', String(masters.get('cron.1')), `next run ${formatNextRun()}`],
      ['static', '-', 'served by nginx', '-', '/static:public'],
    ])}`;

    assert.deepEqual(await ssh('ps', APP), { exitCode: 0, stdout: expected.trimEnd(), stderr: '' });
    assert.equal((await getSandbox().httpGet(HOST, '/static/hello.txt')).body, 'static file\n');
  });

  test('ps:scale: a worker scales to 2 and back to 0', async () => {
    const up = await ssh('ps:scale', APP, 'worker=2');
    assert.equal(up.exitCode, 0, up.stdout + up.stderr);
    await waitForWorkers(APP, ['cron.1', getWebName(), 'worker.1', 'worker.2']);
    assert.equal(readScalingFile(), 'worker:2\n');
    const masters = listMasters(getSandbox(), APP);
    const expected = `App "blog" runs release 1.\n${formatTable(['KIND', 'WORKER', 'STATE', 'PID', 'DETAIL'], [
      ['web', 'web.1', 'running', String(masters.get(getWebName())), `port ${getPort(getSandbox(), APP, 1)}`],
      ['worker', 'worker.1', 'running', String(masters.get('worker.1')), ''],
      ['worker', 'worker.2', 'running', String(masters.get('worker.2')), ''],
      ['cron', 'cron.1', 'running', String(masters.get('cron.1')), `next run ${formatNextRun()}`],
      ['static', '-', 'served by nginx', '-', '/static:public'],
    ])}`;
    assert.deepEqual(await ssh('ps', APP), { exitCode: 0, stdout: expected.trimEnd(), stderr: '' });

    // NOTE: the scale above may restart web.1 too, in the other slot: a git hook's PATH differs from
    // an SSH command's, and the workers' environment includes it. Between two SSH commands it does
    // not change, so no HTTP vassal changes and the serving slot stays.
    const slot = getSlot();
    const webVassal = at('uwsgi-enabled', `blog_web.1.${slot}.ini`);
    const webMtime = statSync(webVassal).mtimeMs;
    const down = await ssh('ps:scale', APP, 'worker=0');
    assert.equal(down.exitCode, 0, down.stdout + down.stderr);
    await waitForWorkers(APP, ['cron.1', getWebName()]);
    assert.equal(readScalingFile(), 'worker:0\n');
    assert.equal(getSlot(), slot, 'the web worker keeps its slot');
    assert.equal(statSync(webVassal).mtimeMs, webMtime, 'the web vassal is not rewritten');
    assert.equal(listMasters(getSandbox(), APP).get(getWebName()), masters.get(getWebName()), 'the web worker keeps running');
    const stopped = `App "blog" runs release 1.\n${formatTable(['KIND', 'WORKER', 'STATE', 'PID', 'DETAIL'], [
      ['web', 'web.1', 'running', String(masters.get(getWebName())), `port ${getPort(getSandbox(), APP, 1)}`],
      ['worker', '-', 'scaled to 0', '-', ''],
      ['cron', 'cron.1', 'running', String(masters.get('cron.1')), `next run ${formatNextRun()}`],
      ['static', '-', 'served by nginx', '-', '/static:public'],
    ])}`;
    assert.deepEqual(await ssh('ps', APP), { exitCode: 0, stdout: stopped.trimEnd(), stderr: '' });
  });

  const REJECTED: Array<[words: string[], message: string]> = [
    [['web=1.5'], 'Scale argument "web=1.5" is invalid: the count must be a whole number from 0 to 100.'],
    [['web=-1'], 'Scale argument "web=-1" is invalid: the count must be a whole number from 0 to 100.'],
    [['web=x'], 'Scale argument "web=x" is invalid: the count must be a whole number from 0 to 100.'],
    [['web=2', 'nope=1'], 'App "blog" has no process kind "nope": use one of web, worker, cron.'],
  ];

  for (const [words, message] of REJECTED) {
    test(`ps:scale: rejects ${words.join(' ')} and keeps SCALING`, async () => {
      const before = readScalingFile();

      assert.deepEqual(await ssh('ps:scale', APP, ...words), { exitCode: 2, stdout: '', stderr: ` !     ${message}` });
      assert.equal(readScalingFile(), before);
      assert.deepEqual([...listMasters(getSandbox(), APP).keys()], ['cron.1', getWebName()]);
    });
  }

  test('ps:scale: two web workers get their own ports behind nginx', async () => {
    const result = await ssh('ps:scale', APP, 'web=2');
    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    await waitForWorkers(APP, ['cron.1', getWebName(1), getWebName(2)]);
    const ports = [getPort(getSandbox(), APP, 1), getPort(getSandbox(), APP, 2)];
    assert.notEqual(ports[0], ports[1]);

    const seen = new Set<string>();
    for (let attempt = 0; attempt < 50 && seen.size < 2; attempt++) {
      const response = await getSandbox().httpGet(HOST);
      if (response.status === 200) seen.add(response.body);
      await sleep(50);
    }
    assert.deepEqual([...seen].sort(), ports.map((port) => `port ${port}\n`).sort());

    const back = await ssh('ps:scale', APP, 'web=1');
    assert.equal(back.exitCode, 0, back.stdout + back.stderr);
    await waitForWorkers(APP, ['cron.1', getWebName()]);
  });

  test('stop: stops every worker and keeps the vhost', async () => {
    const slot = getSlot();
    const result = await ssh('stop', APP);

    assert.deepEqual(result, {
      exitCode: 0,
      stdout: [
        '-----> Stopping blog',
        `       Removed from uwsgi-enabled: blog_cron.1.ini, blog_web.1.${slot}.ini`,
        '       Every worker stopped; "restart blog" or a deploy starts them again',
      ].join('\n'),
      stderr: '',
    });
    assert.deepEqual([...listMasters(getSandbox(), APP).keys()], []);
    assert.equal(existsSync(at('envs', APP, 'STOPPED')), true);
    assert.equal(existsSync(at('nginx', 'blog.conf')), true);
    assert.equal((await getSandbox().httpGet(HOST)).status, 502);
    const expected = `App "blog" is stopped (release 1): run "restart blog" to start it.\n${formatTable(['KIND', 'WORKER', 'STATE', 'PID', 'DETAIL'], [
      ['web', 'web.1', 'stopped', '-', `port ${getPort(getSandbox(), APP, 1)}`],
      ['worker', '-', 'scaled to 0', '-', ''],
      ['cron', 'cron.1', 'stopped', '-', ''],
      ['static', '-', 'served by nginx', '-', '/static:public'],
    ])}`;
    assert.deepEqual(await ssh('ps', APP), { exitCode: 0, stdout: expected.trimEnd(), stderr: '' });
    assert.match((await ssh('apps')).stdout, /^blog +stopped +succeeded /m);
  });

  test('stop: a config change keeps the app stopped', async () => {
    const result = await ssh('config:set', APP, 'GREETING=hi');

    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^ {7}The app is stopped: 2 workers stay off until "restart blog"$/m);
    // The emperor scans uwsgi-enabled/ each second: two scans pass without a worker starting.
    await sleep(2500);
    assert.deepEqual([...listMasters(getSandbox(), APP).keys()], []);
    assert.deepEqual(readdirSync(at('uwsgi-enabled')).filter((name) => name.startsWith('blog_')), []);
  });

  test('restart: starts a stopped app', async () => {
    const result = await ssh('restart', APP);

    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    await waitForWorkers(APP, ['cron.1', getWebName()]);
    assert.equal(existsSync(at('envs', APP, 'STOPPED')), false);
    await getSandbox().waitForBody(HOST, `port ${getPort(getSandbox(), APP, 1)}\n`);
  });

  test('restart: rewrites the vassals of a running app', async () => {
    const slot = getSlot();
    const before = statSync(at('uwsgi-enabled', `blog_web.1.${slot}.ini`)).mtimeMs;

    const result = await ssh('restart', APP);

    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    const next = getSlot();
    assert.notEqual(next, slot, 'the new web worker runs in the other slot');
    assert.ok(statSync(at('uwsgi-enabled', `blog_web.1.${next}.ini`)).mtimeMs > before);
    await waitForWorkers(APP, ['cron.1', getWebName()]);
    await getSandbox().waitForBody(HOST, `port ${getPort(getSandbox(), APP, 1)}\n`);
  });

  test('stop: a deploy starts the app again', async () => {
    assert.equal((await ssh('stop', APP)).exitCode, 0);

    const deploy = await pushCommit(workdir, { 'VERSION': '2\n' });

    assert.equal(deploy.exitCode, 0, deploy.output);
    await waitForWorkers(APP, ['cron.1', getWebName()]);
    assert.equal(existsSync(at('envs', APP, 'STOPPED')), false);
    await getSandbox().waitForBody(HOST, `port ${getPort(getSandbox(), APP, 1)}\n`);
  });

  test('destroy: keeps data and cache and leaves the neighbours', async () => {
    for (const { app, host } of NEIGHBOURS) {
      const deploy = await deployApp(getSandbox(), 'lifecycle-web', app, { files: { ENV: appEnv(host) } });
      assert.equal(deploy.exitCode, 0, deploy.output);
      await waitForWorkers(app, ['cron.1', getWebName(1, app), 'worker.1']);
    }
    const saved = await ssh('run', APP, 'sh', '-c', "'echo kept > $DATA_ROOT/file'");
    assert.equal(saved.exitCode, 0, saved.stderr);
    // The certificate, the web worker's socket link and the sockets of the slots it has run in.
    const nginxFiles = readdirSync(at('nginx'))
      .filter((name) => name === 'blog.crt' || name === 'blog.key' || /^blog\.web\.\d+(\.(blue|green))?\.sock$/.test(name))
      .sort()
      .map((name) => `nginx/${name}`);
    const slot = getSlot();
    // A grant on the app and one on a neighbour: destroy removes only the first.
    for (const words of [['users:add', 'reader'], ['access:grant', APP, 'reader', 'read'], ['access:grant', 'blog2', 'reader', 'read']]) {
      assert.equal((await ssh(...words)).exitCode, 0, words.join(' '));
    }

    const result = await ssh('destroy', APP);

    assert.deepEqual(result, {
      exitCode: 0,
      stdout: [
        '-----> Destroying blog',
        `       Removed vassals blog_cron.1.ini, blog_web.1.${slot}.ini`,
        '       Removed nginx/blog.conf and reloaded nginx',
        `       Removed ${['apps/blog', 'releases/blog', 'envs/blog', 'logs/blog', 'repos/blog', ...nginxFiles].join(', ')}`,
        '       Removed the grants of admin, reader on blog',
        '       Kept data/blog and cache/blog: remove by hand what is no longer needed',
      ].join('\n'),
      stderr: '',
    });
    const vassals = ['blue', 'green'].map((name) => `uwsgi-available/blog_web.1.${name}.ini`);
    for (const gone of ['apps/blog', 'releases/blog', 'envs/blog', 'logs/blog', 'repos/blog', 'nginx/blog.conf', ...vassals]) {
      assert.equal(existsSync(at(gone)), false, `${gone} is removed`);
    }
    assert.equal(readFileSync(at('data', APP, 'file'), 'utf8'), 'kept\n');
    assert.equal(existsSync(at('cache', APP)), true);
    assert.deepEqual([...listMasters(getSandbox(), APP).keys()], []);
    assert.deepEqual(readPortApps(getSandbox()), ['blog2', 'blog_x']);
    const users = (await ssh('users')).stdout.split('\n');
    assert.equal(users.find((line) => line.startsWith('reader ')), 'reader  user   blog2:read');

    for (const { app, host } of NEIGHBOURS) {
      assert.deepEqual([...listMasters(getSandbox(), app).keys()], ['cron.1', getWebName(1, app), 'worker.1']);
      const webVassal = `uwsgi-enabled/${app}_web.1.${getSlot(app)}.ini`;
      for (const kept of [`repos/${app}`, `apps/${app}`, `envs/${app}`, `logs/${app}`, `nginx/${app}.conf`, `nginx/${app}.web.1.sock`, webVassal]) {
        assert.equal(existsSync(at(kept)), true, `${kept} is kept`);
      }
      await getSandbox().waitForBody(host, `port ${getPort(getSandbox(), app, 1)}\n`);
    }
    assert.deepEqual(await ssh('ps', APP), {
      exitCode: 1,
      stdout: '',
      stderr: ' !     App "blog" not found: push to it first, or run "apps" to list the apps.',
    });
  });

  test('lifecycle: commands name a missing app', async () => {
    for (const command of ['ps', 'stop', 'restart', 'destroy']) {
      assert.deepEqual(await ssh(command, 'nope'), {
        exitCode: 1,
        stdout: '',
        stderr: ' !     App "nope" not found: push to it first, or run "apps" to list the apps.',
      });
    }
  });
});

// Vassal masters of `app` in this sandbox, "kind.n" or "kind.n.slot" (HTTP workers) -> PID, from
// their process titles. A master counts when its working directory (the app's release) is under
// the sandbox's root.
function listMasters(sandbox: Sandbox, app: string): Map<string, number> {
  const masters = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+/g, ' ').trim();
      const match = /^([^:]+):(\S+) uWSGI master$/.exec(title);
      if (match?.[1] !== app || !readlinkSync(`/proc/${pid}/cwd`).startsWith(`${sandbox.root}/`)) continue;

      // A worker forked a moment ago still shows its master's title; /proc lists the master first.
      if (!masters.has(match[2]!)) masters.set(match[2]!, Number(pid));
    } catch {
      // The process ended while it was read.
    }
  }

  return new Map([...masters].sort(([a], [b]) => a.localeCompare(b)));
}

async function waitForMasters(sandbox: Sandbox, app: string, expected: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  let running: string[] = [];
  while (Date.now() < deadline) {
    running = [...listMasters(sandbox, app).keys()];
    if (running.join(' ') === expected.join(' ')) return;

    await sleep(200);
  }
  assert.deepEqual(running, expected, `workers of ${app} within 20 s`);
}

// When the fixture's "0 3 * * *" entry runs next, as ps shows it.
function formatNextRun(): string {
  const next = getNextCronRun({ minute: 0, hour: 3, day: -1, month: -1, weekday: -1 }, new Date());

  return `${next!.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// The PORT of a web worker of the serving slot, from its vassal file.
function getPort(sandbox: Sandbox, app: string, index: number): number {
  const file = path.join(sandbox.root, 'uwsgi-available', `${app}_web.${index}.${readServingSlot(sandbox, app)}.ini`);
  const port = /^env = PORT=(\d+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
  assert.ok(port !== undefined, `${file} sets PORT`);

  return Number(port);
}

function readPortApps(sandbox: Sandbox): string[] {
  const db = new Database(path.join(sandbox.root, 'piku.db'), { readonly: true });
  try {
    return (db.prepare('SELECT DISTINCT app FROM ports ORDER BY app').all() as Array<{ app: string }>).map((row) => row.app);
  } finally {
    db.close();
  }
}

// The slot ("blue" or "green") whose HTTP workers nginx sends the app's requests to.
function readServingSlot(sandbox: Sandbox, app: string): string {
  const db = new Database(path.join(sandbox.root, 'piku.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT slot FROM app_slots WHERE app = ?').get(app) as { slot: string } | undefined;
    assert.ok(row !== undefined, `app_slots has a row for ${app}`);

    return row.slot;
  } finally {
    db.close();
  }
}
