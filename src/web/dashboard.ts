// The dashboard's pages and actions. Every page needs a session; every POST needs the session's
// CSRF token (the login form: the token of its short-lived login cookie).
import { existsSync } from 'node:fs';
import type http from 'node:http';
import type { Logger } from 'pino';
import { isLevelAtLeast } from '../access/levels.js';
import { verifyToken } from '../access/tokens.js';
import { isValidAppName } from '../home/app-name.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import { openDatabase } from '../store/db.js';
import { createCsrfToken, isCsrfTokenValid } from './csrf.js';
import { getAppView, getAppsView, getDeployUpdate, getDeployView } from './dashboard-data.js';
import { parseCookies, serializeCookie } from './http-auth.js';
import { getQuery } from './request-path.js';
import { readForm, redirect, sendJson, sendMessage, sendPage } from './responses.js';
import { runRollback } from './rollback.js';
import { createSession, endSession, getWebSession, SESSION_COOKIE, SESSION_SECONDS, type WebSession } from './sessions.js';

const LOGIN_COOKIE = 'piku_login';

export interface DashboardOptions {
  layout: Layout;
  logger: Logger;
  /** Always mark cookies Secure; without it they are Secure when X-Forwarded-Proto is https. */
  isSecure: boolean;
}

export interface DashboardRequest {
  request: http.IncomingMessage;
  response: http.ServerResponse;
  segments: string[];
}

// Routes one dashboard request; returns false when no dashboard route matches.
export async function handleDashboard(options: DashboardOptions, { request, response, segments }: DashboardRequest): Promise<boolean> {
  const route = `${request.method} /${segments.join('/')}`;
  if (route === 'GET /login') return showLogin(options, request, response), true;
  if (route === 'POST /login') return await signIn(options, request, response), true;
  if (route === 'POST /logout') return await signOut(options, request, response), true;
  if (segments.length > 0 && segments[0] !== 'apps') return false;
  if (segments.length === 0 && request.method === 'GET') return withSession(options, request, response, undefined, (session) => showApps(options, response, session));

  const [, app = '', section, id, file] = segments;
  if (!isValidAppName(app)) return sendMessage(response, 400, 'Invalid app name', `App name "${app}" is invalid.`), true;

  return withSession(options, request, response, app, async (session) => {
    if (!existsSync(getAppPaths(options.layout, app).repo) || !isLevelAtLeast(session.caller.level, 'read')) {
      return sendMessage(response, 404, 'App not found', `App "${app}" does not exist or you may not read it.`, pageLayout('App not found', session));
    }
    if (request.method === 'GET' && section === undefined) return showApp(options, response, session, app);
    if (request.method === 'GET' && section === 'deploys' && /^\d+$/.test(id ?? '') && file === undefined) return showDeploy(options, response, session, app, Number(id));
    if (request.method === 'GET' && section === 'deploys' && /^\d+$/.test(id ?? '') && file === 'log.json') return sendDeployUpdate(options, request, response, app, Number(id));
    if (request.method === 'POST' && section === 'rollback' && id === undefined) return await rollBack(options, request, response, session, app);

    sendMessage(response, 404, 'Page not found', 'No such page.', pageLayout('Page not found', session));
  });
}

async function withSession(options: DashboardOptions, request: http.IncomingMessage, response: http.ServerResponse, app: string | undefined, handle: (session: WebSession) => void | Promise<void>): Promise<true> {
  const db = openDatabase(options.layout);
  const session = getWebSession(db, parseCookies(request.headers.cookie).get(SESSION_COOKIE), app);
  db.close();
  if (session === undefined && request.method === 'GET' && !(request.url ?? '').includes('.json')) redirect(response, '/login');
  else if (session === undefined) sendJson(response, 401, { error: 'Sign in first.' });
  else await handle(session);

  return true;
}

function showLogin(options: DashboardOptions, request: http.IncomingMessage, response: http.ServerResponse, error?: string): void {
  const csrf = createCsrfToken();
  const cookie = serializeCookie(LOGIN_COOKIE, csrf, { maxAgeSeconds: 600, isSecure: isSecureRequest(options, request) });
  sendPage(response, error === undefined ? 200 : 401, 'login', { title: 'Sign in' }, { csrf, error }, { 'Set-Cookie': cookie });
}

async function signIn(options: DashboardOptions, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const form = await readForm(request);
  const expected = parseCookies(request.headers.cookie).get(LOGIN_COOKIE) ?? '';
  if (form === undefined || !isCsrfTokenValid(expected, form.get('csrf'))) return sendMessage(response, 403, 'Request refused', 'The form is missing its CSRF token or it expired: reload the sign-in page.');

  const db = openDatabase(options.layout);
  try {
    const token = verifyToken(db, form.get('token')?.trim() ?? '');
    if (token === undefined) {
      options.logger.info({ event: 'login' }, 'dashboard sign-in rejected');

      return showLogin(options, request, response, 'That token is invalid, expired or revoked.');
    }
    const cookie = serializeCookie(SESSION_COOKIE, createSession(db, token.id), { maxAgeSeconds: SESSION_SECONDS, isSecure: isSecureRequest(options, request) });
    options.logger.info({ user: token.userName, credential: `token:${token.id}` }, 'dashboard sign-in');
    redirect(response, '/', { 'Set-Cookie': [cookie, serializeCookie(LOGIN_COOKIE, '', { maxAgeSeconds: 0, isSecure: false })] });
  } finally {
    db.close();
  }
}

async function signOut(options: DashboardOptions, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const form = await readForm(request);
  const db = openDatabase(options.layout);
  try {
    const session = getWebSession(db, parseCookies(request.headers.cookie).get(SESSION_COOKIE));
    if (session === undefined || !isCsrfTokenValid(session.csrf, form?.get('csrf'))) return sendMessage(response, 403, 'Request refused', 'The form is missing its CSRF token: reload the page.');

    endSession(db, session.hash);
  } finally {
    db.close();
  }
  redirect(response, '/login', { 'Set-Cookie': serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, isSecure: isSecureRequest(options, request) }) });
}

function showApps(options: DashboardOptions, response: http.ServerResponse, session: WebSession): void {
  const db = openDatabase(options.layout);
  const apps = getAppsView(db, options.layout, session.caller);
  db.close();
  sendPage(response, 200, 'apps', pageLayout('Apps', session), { apps });
}

function showApp(options: DashboardOptions, response: http.ServerResponse, session: WebSession, app: string): void {
  const db = openDatabase(options.layout);
  const view = getAppView(db, options.layout, app, session.caller.level);
  db.close();
  sendPage(response, 200, 'app', pageLayout(app, session), { ...view, csrf: session.csrf });
}

function showDeploy(options: DashboardOptions, response: http.ServerResponse, session: WebSession, app: string, id: number): void {
  const db = openDatabase(options.layout);
  const view = getDeployView(db, app, id);
  db.close();
  if (view === undefined) return sendMessage(response, 404, 'Deploy not found', `App "${app}" has no deploy ${id}.`, pageLayout('Deploy not found', session));

  sendPage(response, 200, 'deploy', pageLayout(`Deploy ${id} of ${app}`, session), view);
}

function sendDeployUpdate(options: DashboardOptions, request: http.IncomingMessage, response: http.ServerResponse, app: string, id: number): void {
  const after = Number(getQuery(request.url).get('after') ?? '0');
  const db = openDatabase(options.layout);
  const update = getDeployUpdate(db, app, id, Number.isSafeInteger(after) ? after : 0);
  db.close();
  if (update === undefined) return sendJson(response, 404, { error: `App "${app}" has no deploy ${id}.` });

  sendJson(response, 200, update);
}

async function rollBack(options: DashboardOptions, request: http.IncomingMessage, response: http.ServerResponse, session: WebSession, app: string): Promise<void> {
  const form = await readForm(request);
  const layout = pageLayout(`Roll back ${app}`, session);
  if (form === undefined || !isCsrfTokenValid(session.csrf, form.get('csrf'))) return sendMessage(response, 403, 'Request refused', 'The form is missing its CSRF token: reload the page.', layout);
  if (!isLevelAtLeast(session.caller.level, 'deploy')) return sendMessage(response, 403, 'Permission missing', `Permission "deploy" on app "${app}" is missing for user "${session.caller.name}".`, layout);

  const release = form.get('release') ?? '';
  if (!/^\d{1,9}$/.test(release)) return sendMessage(response, 400, 'Invalid release', `Release "${release.slice(0, 20)}" is not a release number.`, layout);

  const result = await runRollback(options.layout, options.logger.child({ user: session.caller.name }), session.caller, app, Number(release));
  const heading = result.exitCode === 0 ? `Rolled back ${app} to release ${release}` : `Rollback of ${app} to release ${release} failed`;
  sendPage(response, result.exitCode === 0 ? 200 : 500, 'message', layout, { heading, output: result.output, isError: result.exitCode !== 0, backUrl: `/apps/${app}` });
}

function pageLayout(title: string, session: WebSession): { title: string; user: string; csrf: string } {
  return { title, user: session.caller.name, csrf: session.csrf };
}

function isSecureRequest(options: DashboardOptions, request: http.IncomingMessage): boolean {
  return options.isSecure || request.headers['x-forwarded-proto'] === 'https';
}
