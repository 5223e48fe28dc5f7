// Access control end to end. A user with deploy on one app pushes it over SSH with their own key
// and over HTTP with a token, and is refused on another app and on config values. A revoked token
// stops working at once, and an HTTP push whose release fails is rejected.
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { execa } from 'execa';
import { deployApp } from '../helpers/deploy-app.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';


describe('access', () => {
  const getSandbox = useSandbox();
  let devSsh = '';
  let devToken = '';
  let adminToken = '';
  let workdir = '';
  let sshStepHeaders: string[] = [];

  before(async () => {
    const sandbox = getSandbox();
    for (const app of ['acc-one', 'acc-two']) {
      const deploy = await deployApp(sandbox, 'access-worker', app);
      assert.equal(deploy.exitCode, 0, deploy.output);
      workdir = app === 'acc-one' ? deploy.workdir : workdir;
    }
    const key = path.join(sandbox.dir, 'ssh', 'dev_key');
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dev', '-f', key]);
    devSsh = sandbox.env.GIT_SSH_COMMAND!.replace(path.join(sandbox.dir, 'ssh', 'client_key'), key);

    await runOk(sandbox, ['users:add', 'dev']);
    await runOk(sandbox, ['keys:add', 'dev', '-'], { inputFile: `${key}.pub` });
    await runOk(sandbox, ['access:grant', 'acc-one', 'dev', 'deploy']);
    devToken = getTokenLine(await runOk(sandbox, ['tokens:create', 'dev']));
    adminToken = getTokenLine(await runOk(sandbox, ['tokens:create', 'admin']));
  });

  test('access: a deploy user pushes over SSH with their own key', async () => {
    await commitEmpty(workdir, 'Push as dev over SSH');
    const push = await gitPush(workdir, [`${getSandbox().env.PIKU_REMOTE}:acc-one`, 'main'], { GIT_SSH_COMMAND: devSsh });

    assert.equal(push.exitCode, 0, push.output);
    assert.match(push.output, /^remote: -----> Deployed acc-one release \d+ in [\d.]+ s\s*$/m);
    sshStepHeaders = getStepHeaders(push.output, 'acc-one');
  });

  test('access: a deploy user is refused on another app over SSH', async () => {
    const push = await gitPush(workdir, [`${getSandbox().env.PIKU_REMOTE}:acc-two`, 'main'], { GIT_SSH_COMMAND: devSsh });

    assert.notEqual(push.exitCode, 0, push.output);
    assert.ok(
      push.output.includes(' !     Permission "deploy" on app "acc-two" is missing for user "dev": ask an admin to run "access:grant acc-two dev deploy".\n'),
      push.output,
    );
  });

  test('access: a deploy user sees config names but not values', async () => {
    const sandbox = getSandbox();
    const asDev = (words: string[]) => execa(devSsh.split(' ')[0]!, [...devSsh.split(' ').slice(1), sandbox.env.PIKU_REMOTE!, ...words], { reject: false });

    const listing = await asDev(['config', 'acc-one']);
    assert.equal(listing.exitCode, 0, listing.stderr);
    assert.equal(listing.stdout, 'GREETING  (repo)');
    const value = await asDev(['config:get', 'acc-one', 'GREETING']);
    assert.equal(value.exitCode, 1);
    assert.equal(value.stdout, '');
    assert.equal(value.stderr, ' !     Permission "manage" on app "acc-one" is missing for user "dev": ask an admin to run "access:grant acc-one dev manage".');
    assert.equal((await runOk(sandbox, ['config', 'acc-one'])).stdout, 'GREETING=hello  (repo)');
  });

  test('access: apps lists only readable apps', async () => {
    const sandbox = getSandbox();
    const asDev = await execa(devSsh.split(' ')[0]!, [...devSsh.split(' ').slice(1), sandbox.env.PIKU_REMOTE!, 'apps'], { reject: false });
    const asAdmin = await runOk(sandbox, ['apps']);
    const firstColumn = (stdout: string) => stdout.split('\n').map((line) => line.split(' ')[0]);

    assert.equal(asDev.exitCode, 0, asDev.stderr);
    assert.deepEqual(firstColumn(asDev.stdout), ['APP', 'acc-one']);
    assert.deepEqual(firstColumn(asAdmin.stdout), ['APP', 'acc-one', 'acc-two']);
  });

  test('access: apps without any grant', async () => {
    const sandbox = getSandbox();
    const key = path.join(sandbox.dir, 'ssh', 'viewer_key');
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'viewer', '-f', key]);
    await runOk(sandbox, ['users:add', 'viewer']);
    await runOk(sandbox, ['keys:add', 'viewer', '-'], { inputFile: `${key}.pub` });
    const viewerSsh = sandbox.env.GIT_SSH_COMMAND!.replace(path.join(sandbox.dir, 'ssh', 'client_key'), key).split(' ');

    const result = await execa(viewerSsh[0]!, [...viewerSsh.slice(1), sandbox.env.PIKU_REMOTE!, 'apps'], { reject: false });

    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, 'No apps that user "viewer" may read: ask an admin for access with "access:grant APP viewer read", or push a new app.');
  });

  test('access: a deploy user pushes over HTTP and sees the steps', async () => {
    await commitEmpty(workdir, 'Push as dev over HTTP');
    const push = await gitPush(workdir, [getHttpUrl(getSandbox(), 'dev', devToken, 'acc-one'), 'main']);

    // The same steps as the SSH push of the same app, each as a `remote:` line.
    const headers = getStepHeaders(push.output, 'acc-one');
    assert.equal(push.exitCode, 0, push.output);
    assert.equal(headers[0], 'Deploying APP from main');
    assert.ok(headers.includes('Running release: echo release-done'), push.output);
    assert.equal(headers.at(-1), 'Deployed APP release N in TIME');
    assert.deepEqual(headers, sshStepHeaders);
  });

  test('access: HTTP refuses wrong credentials and other apps', async () => {
    const sandbox = getSandbox();
    const missing = await getInfoRefs(sandbox, 'acc-one', undefined);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers['www-authenticate'], 'Basic realm="piku", charset="UTF-8"');
    assert.equal((await getInfoRefs(sandbox, 'acc-one', `dev:${devToken.slice(0, -1)}x`)).status, 401);
    assert.equal((await getInfoRefs(sandbox, 'acc-one', `admin:${devToken}`)).status, 401);

    const other = await getInfoRefs(sandbox, 'acc-two', `dev:${devToken}`);
    assert.equal(other.status, 403);
    assert.equal(other.body, 'Permission "deploy" on app "acc-two" is missing for user "dev".\n');
    const push = await gitPush(workdir, [getHttpUrl(sandbox, 'dev', devToken, 'acc-two'), 'main']);
    assert.notEqual(push.exitCode, 0);
    assert.match(push.output, /The requested URL returned error: 403/);
  });

  test('access: a revoked token stops working at once', async () => {
    const sandbox = getSandbox();
    assert.equal((await getInfoRefs(sandbox, 'acc-one', `dev:${devToken}`, 'upload-pack')).status, 200);

    await runOk(sandbox, ['tokens:revoke', devToken.split('_')[1]!]);
    assert.equal((await getInfoRefs(sandbox, 'acc-one', `dev:${devToken}`, 'upload-pack')).status, 401);
    const clone = await execa('git', ['clone', '--quiet', getHttpUrl(sandbox, 'dev', devToken, 'acc-one'), path.join(sandbox.dir, 'clone-revoked')], {
      env: { GIT_TERMINAL_PROMPT: '0' },
      all: true,
      reject: false,
    });
    assert.notEqual(clone.exitCode, 0);
  });

  test('access: an HTTP push whose release fails is rejected', async () => {
    const sandbox = getSandbox();
    const deploy = await deployApp(sandbox, 'release-fails', 'acc-fails');
    assert.notEqual(deploy.exitCode, 0);
    await commitEmpty(deploy.workdir, 'Push over HTTP');
    const push = await gitPush(deploy.workdir, [getHttpUrl(sandbox, 'admin', adminToken, 'acc-fails'), 'main']);

    assert.equal(push.exitCode, 1, push.output);
    assert.match(push.output, /^remote: -----> Running release: sh -c 'echo release-broken; exit 3'\s*$/m);
    assert.match(push.output, /^remote:        release-broken\s*$/m);
    assert.match(push.output, / ! \[remote rejected\] main -> main \(pre-receive hook declined\)/);
  });

  test('access: denials and changes are in the audit trail', async () => {
    const audit = await runOk(getSandbox(), ['audit']);
    const rows = audit.stdout.split('\n').slice(1).map((line) => line.split(/\s{2,}/).slice(1, 6).join(' | '));

    assert.ok(rows.includes('dev | acc-two | git-receive-pack | denied | 1'), audit.stdout);
    assert.ok(rows.includes('dev | acc-one | config:get | denied | 1'), audit.stdout);
    assert.ok(rows.includes('dev | acc-two | http git-receive-pack | denied | -'), audit.stdout);
    assert.ok(rows.includes('dev | acc-one | push | succeeded | 0'), audit.stdout);
    assert.ok(rows.includes('admin | acc-one | access:grant | succeeded | 0'), audit.stdout);
    assert.ok(rows.includes('admin | acc-fails | push | failed | 1'), audit.stdout);
  });
});

async function runOk(sandbox: Sandbox, words: string[], { inputFile }: { inputFile?: string } = {}): Promise<{ stdout: string }> {
  const input = inputFile === undefined ? undefined : (await import('node:fs')).readFileSync(inputFile, 'utf8');
  const result = await sandbox.ssh(words, { input });
  assert.equal(result.exitCode, 0, `${words.join(' ')}: ${result.stdout}\n${result.stderr}`);

  return result;
}

function getTokenLine(result: { stdout: string }): string {
  const token = result.stdout.split('\n').at(-1) ?? '';
  assert.match(token, /^piku_\d+_[A-Za-z0-9_-]{43}$/);

  return token;
}

// A new commit that is not pushed yet, so the next push has something to deploy.
async function commitEmpty(workdir: string, message: string): Promise<void> {
  await execa('git', ['commit', '--quiet', '--allow-empty', '--message', message], { cwd: workdir });
}

function getHttpUrl(sandbox: Sandbox, user: string, token: string, app: string): string {
  return `http://${user}:${token}@127.0.0.1:${sandbox.env.PIKU_SERVE_PORT}/${app}.git`;
}

async function gitPush(workdir: string, args: string[], env: Record<string, string> = {}): Promise<{ exitCode: number; output: string }> {
  const result = await execa('git', ['push', ...args], { cwd: workdir, env: { GIT_TERMINAL_PROMPT: '0', ...env }, all: true, reject: false, timeout: 120_000 });

  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

// The `remote: -----> ` lines with the app, commit, release number and time replaced.
function getStepHeaders(output: string, app: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('remote: -----> '))
    .map((line) =>
      line
        .slice('remote: -----> '.length)
        .trimEnd()
        .replaceAll(app, 'APP')
        .replace(/[0-9a-f]{12}/, 'COMMIT')
        .replace(/release \d+/, 'release N')
        .replace(/in [\d.]+ s$/, 'in TIME'),
    );
}

function getInfoRefs(sandbox: Sandbox, app: string, credentials: string | undefined, service = 'receive-pack'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const headers = credentials === undefined ? {} : { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };

  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: Number(sandbox.env.PIKU_SERVE_PORT), path: `/${app}.git/info/refs?service=git-${service}`, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
  });
}
