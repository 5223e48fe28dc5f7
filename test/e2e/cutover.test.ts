// End to end: deploys switch HTTP workers without dropping requests, a release that fails its
// health check never goes live, a crash-looping release is rolled back, and rollback, concurrent
// pushes, kill -9 and deploy:cancel leave the app serving.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual as isDeepEqual } from 'node:util';
import Database from 'better-sqlite3';
import { deployApp, FIXTURE_APPS_DIR, pushCommit, type DeployResult } from '../helpers/deploy-app.js';
import { httpGet, listNginxWorkers, waitForNginxWorkersGone } from '../helpers/sandbox-http.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';

const NODE_ENV = (host: string, extra = '') => `NGINX_SERVER_NAME=${host}\nGREETING=hello\nDEPLOY_DRAIN_SECONDS=3\n${extra}`;

// Sends requests one after another until stopped; returns every status and body seen.
function startLoad(sandbox: Sandbox, host: string): { stop: () => Promise<Array<{ status: number; body: string }>> } {
  const results: Array<{ status: number; body: string }> = [];
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      try {
        const response = await sandbox.httpGet(host);
        results.push({ status: response.status, body: response.body });
      } catch (error) {
        results.push({ status: 0, body: (error as Error).message });
      }
    }
  })();

  return {
    stop: async () => {
      isRunning = false;
      await loop;

      return results;
    },
  };
}

// Deploys the node-web fixture as APP, served under APP.test, and waits until nginx serves it. The
// first deploy adds the vhost, and the nginx workers started without it must be gone before a
// test counts failed requests or reuses a connection.
async function deployServedNodeWeb(sandbox: Sandbox, app: string): Promise<DeployResult> {
  const workersWithoutVhost = await listNginxWorkers(sandbox.dir);
  const deploy = await deployApp(sandbox, 'node-web', app, { files: { ENV: NODE_ENV(`${app}.test`) } });
  assert.equal(deploy.exitCode, 0, deploy.output);
  await sandbox.waitForBody(`${app}.test`, 'node-web version 1 greeting hello\n');
  await waitForNginxWorkersGone(workersWithoutVhost);

  return deploy;
}

// The app's sockets and socket links in nginx/, sorted.
function listSocketNames(sandbox: Sandbox, app: string): string[] {
  return readdirSync(path.join(sandbox.root, 'nginx')).filter((name) => name.startsWith(`${app}.`) && name.endsWith('.sock')).sort();
}

function queryDeploys(sandbox: Sandbox, app: string): Array<{ id: number; status: string; kind: string; note: string | null }> {
  const db = new Database(path.join(sandbox.root, 'piku.db'), { readonly: true });
  const rows = db.prepare('SELECT id, status, kind, note FROM deploys WHERE app = ? ORDER BY id').all(app) as Array<{ id: number; status: string; kind: string; note: string | null }>;
  db.close();

  return rows;
}

describe('cutover', () => {
  const getSandbox = useSandbox();
  // The checkout of app steadfast, which two tests push from.
  let steadfastCheckout = '';

  test('cutover: redeploys under load drop no request', async () => {
    const sandbox = getSandbox();
    const first = await deployServedNodeWeb(sandbox, 'steady');

    const load = startLoad(sandbox, 'steady.test');
    for (const version of [2, 3, 4]) {
      const push = await pushCommit(first.workdir, { VERSION: `${version}\n` });
      assert.equal(push.exitCode, 0, push.output);
      assert.match(push.output, new RegExp(`remote: {8}web\\.1: healthy after \\d+ attempt\\(s\\), status 200`));
      await sandbox.waitForBody('steady.test', `node-web version ${version} greeting hello\n`);
    }
    const results = await load.stop();

    const failures = results.filter((result) => result.status !== 200);
    assert.deepEqual(failures, []);
    assert.ok(results.length > 20, `only ${results.length} requests were sent`);
    const bodies = new Set(results.map((result) => result.body));
    assert.ok(bodies.has('node-web version 4 greeting hello\n'));
  });

  test('cutover: a web redeploy keeps idle keep-alive connections', async () => {
    const sandbox = getSandbox();
    const first = await deployServedNodeWeb(sandbox, 'idle');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const before = await httpGet(sandbox.httpPort, 'idle.test', '/', agent);
    assert.equal(before.body, 'node-web version 1 greeting hello\n');

    const push = await pushCommit(first.workdir, { VERSION: '2\n' });
    assert.equal(push.exitCode, 0, push.output);
    assert.match(push.output, /remote: {8}nginx now sends requests to slot (blue|green), without a reload */);
    const after = await httpGet(sandbox.httpPort, 'idle.test', '/', agent);
    agent.destroy();

    assert.deepEqual({ status: after.status, body: after.body, reusedSocket: after.reusedSocket }, { status: 200, body: 'node-web version 2 greeting hello\n', reusedSocket: true });

    // After the drain period (3 s), the old slot's socket goes with its workers.
    const slot = /nginx now sends requests to slot (blue|green)/.exec(push.output)![1];
    const expected = [`idle.web.1.${slot}.sock`, 'idle.web.1.sock'];
    const deadline = Date.now() + 20_000;
    while (!isDeepEqual(listSocketNames(sandbox, 'idle'), expected) && Date.now() < deadline) await sleep(250);
    assert.deepEqual(listSocketNames(sandbox, 'idle'), expected);
  });

  test('cutover: worker that never listens fails the deploy', async () => {
    const sandbox = getSandbox();
    const first = await deployApp(sandbox, 'node-web', 'deaf', { files: { ENV: NODE_ENV('deaf.test', 'HEALTHCHECK_ATTEMPTS=3\n') } });
    assert.equal(first.exitCode, 0, first.output);
    await sandbox.waitForBody('deaf.test', 'node-web version 1 greeting hello\n');

    const broken = await pushCommit(first.workdir, { Procfile: "web: sh -c 'echo not listening; sleep 600'\n", VERSION: '2\n' });

    assert.equal(broken.exitCode, 1, broken.output);
    assert.match(broken.output, /remote: {8}web\.1: failed after 3 attempt\(s\), connect ECONNREFUSED 127\.0\.0\.1:\d+/);
    assert.match(broken.output, /remote: {8}Last lines of web\.1\.log:/);
    assert.match(broken.output, /remote: {2}! {5}Worker web\.1 failed its health check on "\/" \(last result: connect ECONNREFUSED 127\.0\.0\.1:\d+\): the old release keeps serving\./);
    assert.match(broken.output, /remote: {2}! {5}Deploy \d+ failed at step "health-check": nothing live changed\./);
    const response = await sandbox.httpGet('deaf.test');
    assert.equal(response.body, 'node-web version 1 greeting hello\n');
  });

  test('cutover: a worker crashing after the switch is rolled back', async () => {
    const sandbox = getSandbox();
    const env = NODE_ENV('crashy.test', 'DEPLOY_CRASH_LIMIT=2\nDEPLOY_CRASH_WINDOW=20\n');
    const first = await deployApp(sandbox, 'node-web', 'crashy', { files: { ENV: env } });
    assert.equal(first.exitCode, 0, first.output);
    await sandbox.waitForBody('crashy.test', 'node-web version 1 greeting hello\n');

    const crashing = readFileSync(path.join(FIXTURE_APPS_DIR, 'crash-after-start', 'server.js'), 'utf8');
    const push = await pushCommit(first.workdir, { 'server.js': crashing });
    assert.equal(push.exitCode, 0, push.output);
    await sandbox.waitForBody('crashy.test', 'crash-after-start\n');

    // The body alone cannot tell: an nginx worker of the previous configuration may still respond.
    const deadline = Date.now() + 40_000;
    while (!queryDeploys(sandbox, 'crashy').some((deploy) => deploy.kind === 'rollback' && deploy.status !== 'running') && Date.now() < deadline) {
      await sleep(250);
    }
    await sandbox.waitForBody('crashy.test', 'node-web version 1 greeting hello\n', 40_000);
    const deploys = queryDeploys(sandbox, 'crashy');
    assert.equal(deploys.length, 3);
    assert.match(deploys[1]!.note ?? '', /^automatic rollback: worker web\.1 failed 2 health checks in a row after the release went live; rollback \d+ succeeded$/);
    assert.deepEqual([deploys[2]!.kind, deploys[2]!.status], ['rollback', 'succeeded']);
    const log = await sandbox.ssh(['deploy:log', 'crashy', String(deploys[1]!.id)]);
    assert.match(log.stdout, /^ ! {5}Worker web\.1 failed 2 health checks in a row after going live: rolled back \(rollback \d+, succeeded\)\.$/m);
  });

  test('cutover: rollback restores the previous body and environment', async () => {
    const sandbox = getSandbox();
    const first = await deployApp(sandbox, 'node-web', 'backy', { files: { ENV: NODE_ENV('backy.test') } });
    assert.equal(first.exitCode, 0, first.output);
    await sandbox.waitForBody('backy.test', 'node-web version 1 greeting hello\n');
    const set = await sandbox.ssh(['config:set', 'backy', 'GREETING=changed', '--no-restart']);
    assert.equal(set.exitCode, 0, set.stderr);
    const second = await pushCommit(first.workdir, { VERSION: '2\n' });
    assert.equal(second.exitCode, 0, second.output);
    await sandbox.waitForBody('backy.test', 'node-web version 2 greeting changed\n');

    const releases = await sandbox.ssh(['releases', 'backy']);
    assert.equal(releases.exitCode, 0, releases.stderr);
    const rows = releases.stdout.trimEnd().split('\n');
    assert.match(rows[0]!, /^RELEASE\s+STATE\s+COMMIT\s+DEPLOY\s+CREATED$/);
    assert.match(rows[1]!, /^2\s+live\s+[0-9a-f]{12}\s+\d+\s+\S+$/);
    assert.match(rows[2]!, /^1\s+[0-9a-f]{12}\s+\d+\s+\S+$/);

    const rollback = await sandbox.ssh(['rollback', 'backy']);
    assert.equal(rollback.exitCode, 0, rollback.stdout + rollback.stderr);
    assert.match(rollback.stdout, /^-----> Rolled backy back to release 1 in \d+\.\d\d s$/m);
    await sandbox.waitForBody('backy.test', 'node-web version 1 greeting hello\n');
    const config = await sandbox.ssh(['config:get', 'backy', 'GREETING']);
    assert.equal(config.stdout, 'hello');

    const missing = await sandbox.ssh(['rollback', 'backy', '9']);
    assert.equal(missing.exitCode, 1);
    assert.equal(
      missing.stderr,
      ' !     Release "9" of app "backy" cannot be rolled back to: it is not a kept release. Kept releases: 2, 1; run "releases backy".',
    );
  });

  test('cutover: PIKU_AUTO_RESTART=false keeps the running workers', async () => {
    const sandbox = getSandbox();
    const first = await deployApp(sandbox, 'node-web', 'steadfast', { files: { ENV: NODE_ENV('steadfast.test', 'PIKU_AUTO_RESTART=false\n') } });
    assert.equal(first.exitCode, 0, first.output);
    steadfastCheckout = first.workdir;
    await sandbox.waitForBody('steadfast.test', 'node-web version 1 greeting hello\n');

    const second = await pushCommit(first.workdir, { VERSION: '2\n' });
    assert.equal(second.exitCode, 0, second.output);
    assert.match(second.output, /remote: {8}PIKU_AUTO_RESTART is false: the workers keep running until "restart steadfast"/);
    await sleep(1500);
    assert.equal((await sandbox.httpGet('steadfast.test')).body, 'node-web version 1 greeting hello\n');

    const restart = await sandbox.ssh(['restart', 'steadfast']);
    assert.equal(restart.exitCode, 0, restart.stdout + restart.stderr);
    await sandbox.waitForBody('steadfast.test', 'node-web version 2 greeting hello\n');
  });

  test('cutover: kept workers without a router reject the push', async () => {
    const sandbox = getSandbox();
    // The serving slot is the one nginx's link points at, e.g. steadfast.web.1.blue.sock.
    const slot = readlinkSync(path.join(sandbox.root, 'nginx', 'steadfast.web.1.sock')).split('.')[3];
    const vassal = path.join(sandbox.root, 'uwsgi-enabled', `steadfast_web.1.${slot}.ini`);
    const vhostFile = path.join(sandbox.root, 'nginx', 'steadfast.conf');
    const vhost = readFileSync(vhostFile, 'utf8');
    // The vassal as a version before the router wrote it: the worker listens only on its port.
    writeFileSync(vassal, readFileSync(vassal, 'utf8').replace(/^(plugin = rawrouter|rawrouter.*|chmod-socket = 660)\n/gm, ''));

    const push = await pushCommit(steadfastCheckout, { VERSION: '3\n' });

    assert.notEqual(push.exitCode, 0);
    assert.match(push.output, /App "steadfast" runs web workers started by an earlier version of piku, which nginx cannot reach through a socket: run "restart steadfast"/);
    assert.equal(readFileSync(vhostFile, 'utf8'), vhost);
    const restart = await sandbox.ssh(['restart', 'steadfast']);
    assert.equal(restart.exitCode, 0, restart.stdout + restart.stderr);
    await sandbox.waitForBody('steadfast.test', 'node-web version 2 greeting hello\n');
  });

  test('cutover: concurrent deploys serialize and both are recorded', async () => {
    const sandbox = getSandbox();
    const procfile = "web: node server.js\nrelease: sh -c 'echo slow-release; sleep 2'\n";
    const first = await deployApp(sandbox, 'node-web', 'twins', { files: { ENV: NODE_ENV('twins.test'), Procfile: procfile } });
    assert.equal(first.exitCode, 0, first.output);

    const [one, two] = await Promise.all([sandbox.ssh(['deploy', 'twins']), sleep(500).then(() => sandbox.ssh(['deploy', 'twins']))]);

    assert.equal(one.exitCode, 0, one.stdout + one.stderr);
    assert.equal(two.exitCode, 0, two.stdout + two.stderr);
    assert.match(two.stdout, /^ {7}Waiting for lock "twins": deploy by admin since \S+ \(PID \d+\)$/m);
    const deploys = queryDeploys(sandbox, 'twins');
    assert.deepEqual(deploys.map((deploy) => deploy.status), ['succeeded', 'succeeded', 'succeeded']);
    await sandbox.waitForBody('twins.test', 'node-web version 1 greeting hello\n');
  });

  test('cutover: deploy killed with kill -9 is taken over', async () => {
    const sandbox = getSandbox();
    const first = await deployApp(sandbox, 'node-web', 'killed', { files: { ENV: NODE_ENV('killed.test') } });
    assert.equal(first.exitCode, 0, first.output);
    const slow = pushCommit(first.workdir, { Procfile: "web: node server.js\nrelease: sh -c 'echo slow; sleep 60'\n" });
    const lock = await waitForLock(sandbox, 'killed');

    process.kill(lock.pid, 'SIGKILL');
    const killed = await slow;
    assert.notEqual(killed.exitCode, 0);

    const next = await pushCommit(first.workdir, { Procfile: 'web: node server.js\n', VERSION: '3\n' });
    assert.equal(next.exitCode, 0, next.output);
    assert.match(next.output, /remote: {8}Took over the lock of deploy by admin since \S+ \(PID \d+\), whose process is gone/);
    await sandbox.waitForBody('killed.test', 'node-web version 3 greeting hello\n');
    assert.deepEqual(queryDeploys(sandbox, 'killed').map((deploy) => deploy.status), ['succeeded', 'interrupted', 'succeeded']);
  });

  test('cutover: deploy:cancel stops a running deploy', async () => {
    const sandbox = getSandbox();
    const first = await deployApp(sandbox, 'node-web', 'cancelled', { files: { ENV: NODE_ENV('cancelled.test') } });
    assert.equal(first.exitCode, 0, first.output);
    const slow = pushCommit(first.workdir, { Procfile: "web: node server.js\nrelease: sh -c 'echo slow; sleep 60'\n", VERSION: '2\n' });
    const lock = await waitForLock(sandbox, 'cancelled');

    const cancel = await sandbox.ssh(['deploy:cancel', 'cancelled']);
    assert.equal(cancel.exitCode, 0, cancel.stderr);
    assert.equal(cancel.stdout, `-----> Sent a stop to deploy ${lock.deployId} of cancelled (PID ${lock.pid})`);
    const result = await slow;
    assert.equal(result.exitCode, 1, result.output);
    assert.match(result.output, /remote: {2}! {5}The deploy \d+ was cancelled: nothing live changed\. Push again when ready\./);
    assert.deepEqual(queryDeploys(sandbox, 'cancelled').map((deploy) => deploy.status), ['succeeded', 'interrupted']);
    assert.equal((await sandbox.httpGet('cancelled.test')).body, 'node-web version 1 greeting hello\n');

    const idle = await sandbox.ssh(['deploy:cancel', 'cancelled']);
    assert.equal(idle.exitCode, 1);
    assert.equal(idle.stderr, ' !     App "cancelled" has no deploy running: nothing to cancel. Run "deploys cancelled" to see its deploys.');
  });
});

// Waits until a deploy of the app holds its lock and has reached its release step.
async function waitForLock(sandbox: Sandbox, app: string): Promise<{ pid: number; deployId: number }> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const db = new Database(path.join(sandbox.root, 'piku.db'), { readonly: true });
    const row = db
      .prepare(
        `SELECT locks.pid AS pid, locks.deploy_id AS deployId FROM locks JOIN deploy_steps ON deploy_steps.deploy_id = locks.deploy_id
         WHERE locks.name = ? AND deploy_steps.name = 'release' AND deploy_steps.status = 'running'`,
      )
      .get(app) as { pid: number; deployId: number } | undefined;
    db.close();
    if (row !== undefined) return row;
    await sleep(100);
  }
  throw new Error(`no deploy of ${app} reached its release step within 30 s`);
}
