// The dashboard in headless Chromium: sign in with a token, open an app, a deploy and its log,
// watch a running deploy's log grow, and roll back. Then forged cookies, missing CSRF tokens and
// path tricks are refused. Each page is saved as a screenshot under test-output/dashboard/ for review.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { deployApp, pushCommit } from '../helpers/deploy-app.js';
import { REPO_DIR, useSandbox } from '../helpers/sandbox.js';

const SCREENSHOTS_DIR = path.join(REPO_DIR, 'test-output', 'dashboard');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('dashboard', () => {
  const getSandbox = useSandbox();
  let context: BrowserContext;
  let page: Page;
  let baseUrl = '';
  let token = '';
  let workdir = '';

  before(async () => {
    const sandbox = getSandbox();
    baseUrl = `http://127.0.0.1:${sandbox.env.PIKU_SERVE_PORT}`;
    const first = await deployApp(sandbox, 'access-worker', 'dash-app');
    assert.equal(first.exitCode, 0, first.output);
    workdir = first.workdir;
    const second = await pushCommit(workdir, { README: 'release 2\n' });
    assert.equal(second.exitCode, 0, second.output);
    token = (await sandbox.ssh(['tokens:create', 'admin'])).stdout.split('\n').at(-1)!;

    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    // launchPersistentContext takes the fresh profile directory Playwright would otherwise pass as --user-data-dir.
    context = await chromium.launchPersistentContext(mkdtempSync(path.join(sandbox.dir, 'chromium-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
  });
  after(async () => context?.close());

  test('dashboard: sign in with a token', async () => {
    await page.goto(`${baseUrl}/`);
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '1-login.png') });

    await page.fill('#token', token);
    await page.click('form.login button');
    await page.waitForURL(`${baseUrl}/`);
    assert.equal(await page.textContent('h1'), 'Apps');
    assert.equal(await page.textContent('table.apps tbody tr td a'), 'dash-app');
    const cookie = (await context.cookies()).find((entry) => entry.name === 'piku_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '2-apps.png'), fullPage: true });
  });

  test('dashboard: open an app', async () => {
    await page.click('text=dash-app');
    await page.waitForURL(`${baseUrl}/apps/dash-app`);
    assert.equal(await page.textContent('span.release'), '2');
    assert.equal(await page.locator('table.deploys tbody tr').count(), 2);
    assert.equal(await page.textContent('table.deploys tbody tr:last-child span.status'), 'succeeded');
    assert.equal(await page.locator('button.rollback').count(), 1);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '3-app.png'), fullPage: true });
  });

  test('dashboard: open a deploy and read its log', async () => {
    await page.click('table.deploys tbody tr:last-child a');
    await page.waitForURL(/\/apps\/dash-app\/deploys\/\d+$/);
    const release = page.locator('details.step', { hasText: 'Running release: echo release-done' });
    assert.equal(await release.getAttribute('open'), null);
    await release.locator('summary').click();
    assert.match((await release.locator('pre').textContent())!, /^-----> Running release: echo release-done\n {7}release-done\n {7}\(\d+\.\d\d s\)\n$/);
    assert.equal(await page.textContent('#deploy-status'), 'succeeded');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '4-deploy.png'), fullPage: true });
  });

  test('dashboard: a running deploy log grows', async () => {
    const sandbox = getSandbox();
    const push = deployApp(sandbox, 'access-slow-release', 'dash-slow');
    const deployPath = await waitForDeployLink(page, `${baseUrl}/apps/dash-slow`);
    await page.goto(`${baseUrl}${deployPath}`);
    assert.equal(await page.textContent('#deploy-status'), 'running');
    const countLines = async () => (await page.locator('#deploy-log').textContent())!.match(/release line \d/g)?.length ?? 0;
    const before = await countLines();
    await page.waitForFunction((count) => (document.getElementById('deploy-log')!.textContent!.match(/release line \d/g)?.length ?? 0) > count, before, { timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '5-deploy-running.png'), fullPage: true });

    assert.equal((await push).exitCode, 0);
    await page.waitForFunction(() => document.getElementById('deploy-status')!.textContent === 'succeeded', undefined, { timeout: 15_000 });
    assert.equal(await countLines(), 6);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '6-deploy-finished.png'), fullPage: true });
  });

  test('dashboard: roll back to the previous release', async () => {
    await page.goto(`${baseUrl}/apps/dash-app`);
    await page.click('button.rollback');
    await page.waitForURL(`${baseUrl}/apps/dash-app/rollback`);
    assert.equal(await page.textContent('h1'), 'Rolled back dash-app to release 1');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '7-rollback.png'), fullPage: true });

    await page.click('text=Back');
    assert.equal(await page.textContent('span.release'), '1');
    assert.equal(await page.textContent('button.rollback'), 'Roll back to 2');
    const audit = await getSandbox().ssh(['audit', 'dash-app']);
    assert.match(audit.stdout.split('\n')[1]!, /^\S+ +admin +dash-app +rollback +succeeded +0 +session:token:\d+$/);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, '8-app-after-rollback.png'), fullPage: true });
  });

  test('dashboard: forged cookies are refused', async () => {
    const forged = `piku_session=${'A'.repeat(43)}`;
    const page = await request(baseUrl, 'GET', '/', { cookie: forged });
    assert.equal(page.status, 303);
    assert.equal(page.headers.location, '/login');
    assert.equal((await request(baseUrl, 'GET', '/apps/dash-app/deploys/1/log.json', { cookie: forged })).status, 401);
    assert.equal((await request(baseUrl, 'POST', '/apps/dash-app/rollback', { cookie: forged }, 'release=1')).status, 401);
  });

  test('dashboard: requests without a CSRF token are refused', async () => {
    const cookie = await getSessionCookie(context);
    const missing = await request(baseUrl, 'POST', '/apps/dash-app/rollback', { cookie }, 'release=1');
    assert.equal(missing.status, 403);
    assert.match(missing.body, /The form is missing its CSRF token: reload the page\./);
    assert.equal((await request(baseUrl, 'POST', '/apps/dash-app/rollback', { cookie }, `release=1&csrf=${'B'.repeat(43)}`)).status, 403);
    assert.equal((await request(baseUrl, 'POST', '/logout', { cookie }, '')).status, 403);
    assert.equal((await request(baseUrl, 'POST', '/login', {}, `token=${token}`)).status, 403);
  });

  test('dashboard: path tricks in app names are refused', async () => {
    const cookie = await getSessionCookie(context);
    for (const [urlPath, status] of [
      ['/apps/..', 400],
      ['/apps/%2e%2e/deploys/1', 400],
      ['/apps/dash-app%2f..%2fdash-slow', 400],
      ['/apps/dash-app%5c..', 400],
      ['/apps/Dash_App', 400],
      ['/apps/dash-app.git', 400],
      ['/apps/no-such-app', 404],
      ['/../piku.db', 400],
    ] as const) {
      assert.equal((await request(baseUrl, 'GET', urlPath, { cookie })).status, status, urlPath);
    }
  });
});

// Polls an app page until its first deploy is listed, and returns that deploy's path.
async function waitForDeployLink(page: Page, appUrl: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const response = await page.goto(appUrl);
    const link = response?.status() === 200 ? await page.locator('table.deploys tbody tr a').first().getAttribute('href', { timeout: 500 }).catch(() => null) : null;
    if (link !== null) return link;
    await page.waitForTimeout(200);
  }
  throw new Error(`${appUrl} listed no deploy within 30 s`);
}

async function getSessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((entry) => entry.name === 'piku_session');
  assert.ok(cookie, 'the browser has no session cookie');

  return `piku_session=${cookie.value}`;
}

function request(baseUrl: string, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(baseUrl);
  const allHeaders = body === undefined ? headers : { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) };

  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: url.hostname, port: url.port, method, path: urlPath, headers: allHeaders, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
