// End to end: git push over the sandbox's real sshd deploys through nginx and the uwsgi emperor.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { deployApp, pushCommit } from '../helpers/deploy-app.js';
import { useSandbox } from '../helpers/sandbox.js';

const getSandbox = useSandbox();

// The step headers of a successful deploy, in order, as the pusher sees them.
const SUCCESS_HEADERS = [
  /^remote: -----> Deploying (\S+) from main/,
  /^remote: -----> Checking out [0-9a-f]{12} into release \d+/,
  /^remote: -----> Reading Procfile and ENV/,
  /^remote: -----> Running preflight/,
  /^remote: -----> Installing dependencies: /,
  /^remote: -----> Running release/,
  /^remote: -----> Rendering uwsgi and nginx configuration/,
  /^remote: -----> Preparing the TLS certificate/,
  /^remote: -----> Testing nginx configuration/,
  /^remote: -----> Starting new HTTP workers/,
  /^remote: -----> Checking the new workers/,
  /^remote: -----> Activating release \d+/,
  /^remote: -----> Recording release \d+/,
  /^remote: -----> Checking the TLS certificate/,
  /^remote: -----> Deployed (\S+) release \d+ in \d+\.\d\d s/,
];

function getHeaders(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.startsWith('remote: -----> '));
}

function assertSuccessfulPush(result: { exitCode: number; output: string }): void {
  assert.equal(result.exitCode, 0, result.output);
  const headers = getHeaders(result.output);
  assert.equal(headers.length, SUCCESS_HEADERS.length, result.output);
  SUCCESS_HEADERS.forEach((pattern, index) => assert.match(headers[index]!, pattern));
}

test('deploy: python wsgi app answers through nginx', async () => {
  const sandbox = getSandbox();
  const result = await deployApp(sandbox, 'python-wsgi', 'pyapp');

  assertSuccessfulPush(result);
  assert.match(result.output, /remote: {8}Runtime: Python \(requirements\.txt\)/);
  const response = await sandbox.waitForBody('python-wsgi.test', 'python-wsgi version 1 greeting hello\n', 20_000);
  assert.equal(response.status, 200);
});

test('deploy: second commit replaces the served body', async () => {
  const sandbox = getSandbox();
  const first = await deployApp(sandbox, 'python-wsgi', 'pyapp2', { files: { ENV: 'NGINX_SERVER_NAME=pyapp2.test\nGREETING=one\n' } });
  assertSuccessfulPush(first);
  await sandbox.waitForBody('pyapp2.test', 'python-wsgi version 1 greeting one\n', 20_000);

  const second = await pushCommit(first.workdir, { VERSION: '2\n' });
  assertSuccessfulPush(second);
  assert.match(second.output, /remote: {8}Requirements unchanged: reusing python-[0-9a-f]{16}/);
  await sandbox.waitForBody('pyapp2.test', 'python-wsgi version 2 greeting one\n', 20_000);

  const live = readFileSync(path.join(sandbox.root, 'envs', 'pyapp2', 'LIVE_ENV'), 'utf8');
  assert.match(live, /^GREETING=one$/m);
  assert.match(live, new RegExp(`^PWD=${sandbox.root}/apps/pyapp2$`, 'm'));
});

test('deploy: node web app installs its npm dependency', async () => {
  const sandbox = getSandbox();
  const result = await deployApp(sandbox, 'node-web', 'nodeapp');

  assertSuccessfulPush(result);
  assert.match(result.output, /remote: -----> Installing dependencies: Node\.js \(package\.json\)/);
  assert.ok(existsSync(path.join(sandbox.root, 'apps', 'nodeapp', 'node_modules', 'escape-html', 'package.json')));
  await sandbox.waitForBody('node-web.test', 'node-web version 1 greeting hello\n', 30_000);
});

test('deploy: worker logs its output and cron gets a vassal', async () => {
  const sandbox = getSandbox();
  const result = await deployApp(sandbox, 'worker-cron', 'jobs');

  assertSuccessfulPush(result);
  assert.match(result.output, /remote: {8}No NGINX_SERVER_NAME: no vhost/);
  const enabled = readdirSync(path.join(sandbox.root, 'uwsgi-enabled')).filter((name) => name.startsWith('jobs_')).sort();
  assert.deepEqual(enabled, ['jobs_cron.1.ini', 'jobs_worker.1.ini']);
  const cron = readFileSync(path.join(sandbox.root, 'uwsgi-enabled', 'jobs_cron.1.ini'), 'utf8');
  assert.match(cron, /^cron = -1 -1 -1 -1 -1 echo cron-ran$/m);

  const log = path.join(sandbox.root, 'logs', 'jobs', 'worker.1.log');
  const deadline = Date.now() + 20_000;
  // The spawn line quotes the command, so only a line of its own shows the worker's output.
  while (!(existsSync(log) && /^worker-alive$/m.test(readFileSync(log, 'utf8'))) && Date.now() < deadline) await sleep(250);
  assert.match(readFileSync(log, 'utf8'), /^worker-alive$/m);
});

test('deploy: failing release rejects the push and keeps the old body', async () => {
  const sandbox = getSandbox();
  const first = await deployApp(sandbox, 'python-wsgi', 'relapp', { files: { ENV: 'NGINX_SERVER_NAME=relapp.test\nGREETING=kept\n' } });
  assertSuccessfulPush(first);
  await sandbox.waitForBody('relapp.test', 'python-wsgi version 1 greeting kept\n', 20_000);
  const releasesBefore = readdirSync(path.join(sandbox.root, 'releases', 'relapp')).sort();

  const failed = await pushCommit(first.workdir, { VERSION: '2\n', Procfile: "wsgi: app:application\nrelease: sh -c 'echo release-broken; exit 3'\n" });

  assert.equal(failed.exitCode, 1, failed.output);
  assert.match(failed.output, /^remote: {8}release-broken\s*$/m);
  assert.match(failed.output, /^remote: {2}! {5}Command "release" exited with status 3: fix the error shown above and push again\.\s*$/m);
  assert.match(failed.output, /^remote: {2}! {5}Deploy \d+ failed at step "release": nothing live changed\.\s*$/m);
  assert.match(failed.output, /! \[remote rejected\] main -> main \(pre-receive hook declined\)/);
  assert.deepEqual(readdirSync(path.join(sandbox.root, 'releases', 'relapp')).sort(), releasesBefore);
  const response = await sandbox.httpGet('relapp.test');
  assert.equal(response.body, 'python-wsgi version 1 greeting kept\n');
});

test('deploy: bad Procfile fails the push with the line number', async () => {
  const sandbox = getSandbox();
  const result = await deployApp(sandbox, 'bad-procfile', 'badproc');

  assert.equal(result.exitCode, 1, result.output);
  assert.match(result.output, /remote: {2}! {5}Procfile line 3 "this line has no colon" has no colon/);
  assert.match(result.output, /remote: {2}! {5}Deploy \d+ failed at step "configure": nothing live changed\./);
  assert.equal(existsSync(path.join(sandbox.root, 'apps', 'badproc')), false);
});

test('deploy: other branches are stored without deploying', async () => {
  const sandbox = getSandbox();
  const result = await deployApp(sandbox, 'worker-cron', 'branchy', { branch: 'feature' });

  assert.equal(result.exitCode, 0, result.output);
  assert.match(result.output, /remote: -----> Stored refs\/heads\/feature without deploying: only main or master deploys/);
  assert.equal(existsSync(path.join(sandbox.root, 'apps', 'branchy')), false);
});

test('deploy: deploys and deploy:log show the history', async () => {
  const sandbox = getSandbox();
  const first = await deployApp(sandbox, 'worker-cron', 'history');
  assertSuccessfulPush(first);
  const failed = await pushCommit(first.workdir, { Procfile: 'worker: sleep 100\nrelease: false\n' });
  assert.equal(failed.exitCode, 1);

  const list = await sandbox.ssh(['deploys', 'history']);
  assert.equal(list.exitCode, 0, list.stderr);
  const rows = list.stdout.trimEnd().split('\n');
  assert.match(rows[0]!, /^ID\s+RELEASE\s+STATUS\s+COMMIT\s+REF\s+PUSHER\s+STARTED\s+DURATION$/);
  assert.equal(rows.length, 3);
  assert.match(rows[1]!, /^\d+\s+2\s+failed \(release\)\s+[0-9a-f]{12}\s+main\s+admin\s+\S+\s+\d+\.\d s$/);
  assert.match(rows[2]!, /^\d+\s+1\s+succeeded\s+[0-9a-f]{12}\s+main\s+admin\s+\S+\s+\d+\.\d s$/);

  const latest = await sandbox.ssh(['deploy:log', 'history']);
  assert.equal(latest.exitCode, 0, latest.stderr);
  assert.match(latest.stdout, /^Deploy \d+ of history: failed, release 2, commit [0-9a-f]{40}, ref refs\/heads\/main$/m);
  assert.match(latest.stdout, /^Pushed by admin \(SHA256:[A-Za-z0-9+/]{43}\), started \S+, finished \S+$/m);
  assert.match(latest.stdout, /^Steps: checkout succeeded \d+ ms, configure succeeded \d+ ms, preflight succeeded \d+ ms, install succeeded \d+ ms, release failed \d+ ms$/m);
  assert.match(latest.stdout, /^ !     Command "release" exited with status 1: fix the error shown above and push again\.$/m);

  const firstId = rows[2]!.split(/\s+/)[0]!;
  const older = await sandbox.ssh(['deploy:log', 'history', firstId]);
  assert.equal(older.exitCode, 0, older.stderr);
  assert.match(older.stdout, /^-----> Deployed history release 1 in \d+\.\d\d s$/m);

  const missing = await sandbox.ssh(['deploy:log', 'history', '99999']);
  assert.equal(missing.exitCode, 1);
  assert.equal(missing.stderr, ' !     Deploy "99999" of app "history" not found: run "deploys history" to list its deploys.');
});

test('deploy: unknown command and missing app exit 2 with the command list', async () => {
  const sandbox = getSandbox();
  const unknown = await sandbox.ssh(['frobnicate']);
  assert.equal(unknown.exitCode, 2);
  const lines = unknown.stderr.split('\n');
  assert.equal(lines[0], ' !     Unknown command "frobnicate": run "help" to list the commands.');
  assert.equal(lines[1], 'Commands:');
  assert.ok(lines.some((line) => /^ {2}deploys APP +List the deploys of an app, newest first$/.test(line)));

  const noApp = await sandbox.ssh(['deploys']);
  assert.equal(noApp.exitCode, 2);
  assert.equal(noApp.stderr.split('\n')[0], ' !     Command "deploys" needs an app name: use "deploys APP".');
});

test('deploy: invalid app names are rejected everywhere', async () => {
  const sandbox = getSandbox();
  for (const name of ['../etc', '.hidden', 'Upper', 'a/b', 'x'.repeat(64)]) {
    const result = await sandbox.ssh(['deploys', `'${name}'`]);
    assert.equal(result.exitCode, 2, name);
    assert.match(result.stderr, new RegExp(`^ ! {5}App name "${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is invalid: `), name);
  }
  assert.equal(existsSync(path.join(sandbox.root, 'repos', '..', 'etc')), false);
});

test('deploy: git clone over ssh returns the pushed code', async () => {
  const sandbox = getSandbox();
  const pushed = await deployApp(sandbox, 'worker-cron', 'clonable');
  assertSuccessfulPush(pushed);

  const { execa } = await import('execa');
  const target = path.join(sandbox.dir, 'clone-target');
  const clone = await execa('git', ['clone', '--quiet', `${sandbox.env.PIKU_REMOTE}:clonable`, target], {
    env: { GIT_SSH_COMMAND: sandbox.env.GIT_SSH_COMMAND },
    reject: false,
    all: true,
  });
  assert.equal(clone.exitCode, 0, clone.all);
  assert.equal(readFileSync(path.join(target, 'Procfile'), 'utf8'), readFileSync(path.join(pushed.workdir, 'Procfile'), 'utf8'));
});
