// git's smart HTTP protocol for `git push` and `git clone` with USER:TOKEN, served through
// node-git-server. Access is checked here, before node-git-server handles the request, because
// node-git-server 1.0.0 calls its own authenticate hook only on info/refs and not on the POST that
// carries the pack. A push runs git-receive-pack, whose pre-receive hook deploys through the same
// `git-hook` as an SSH push; the hook's output reaches the pusher as `remote:` lines.
import type http from 'node:http';
import { Git, type PushData, type TagData } from 'node-git-server';
import type { Logger } from 'pino';
import { isCreatingApp } from '../access/authorize.js';
import { resolveCaller, type Caller } from '../access/caller.js';
import { isLevelAtLeast, type AccessLevel } from '../access/levels.js';
import { verifyToken } from '../access/tokens.js';
import { ensureRepo } from '../git/repo.js';
import { validateAppName } from '../home/app-name.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import { insertAuditEntry } from '../store/audit.js';
import { openDatabase, type Db } from '../store/db.js';
import { setGrant } from '../store/grants.js';
import { parseBasicAuth } from './http-auth.js';
import { getQuery } from './request-path.js';

export interface GitRequest {
  app: string;
  service: 'upload-pack' | 'receive-pack';
}

// e.g. ["blog.git", "info", "refs"] with ?service=git-receive-pack -> { app: "blog", service: "receive-pack" };
// ["blog.git", "git-upload-pack"] -> { app: "blog", service: "upload-pack" }.
export function parseGitRequest(segments: string[], url: string | undefined): GitRequest | undefined {
  const [repo = '', ...rest] = segments;
  if (!repo.endsWith('.git')) return undefined;

  const route = rest.join('/');
  const service = route === 'info/refs' ? getQuery(url).get('service')?.replace(/^git-/, '') : route.replace(/^git-/, '');
  if (service !== 'upload-pack' && service !== 'receive-pack') return undefined;
  if (route !== 'info/refs' && route !== `git-${service}`) return undefined;

  return { app: validateAppName(repo), service };
}

// The identity the pre-receive hook runs as, per request, and the requests already accepted:
// node-git-server emits 'push' once per updated ref.
const HOOK_IDENTITIES = new WeakMap<http.IncomingMessage, { fingerprint: string; name: string }>();
const ACCEPTED = new WeakSet<http.IncomingMessage>();

export class GitHttpHandler {
  private readonly git: Git;

  constructor(
    private readonly layout: Layout,
    private readonly logger: Logger,
  ) {
    this.git = new Git((name?: string) => getAppPaths(layout, validateAppName(name ?? '')).repo, { autoCreate: false });
    this.git.on('push', (push: PushData) => acceptWithIdentity(push));
    this.git.on('tag', (tag: TagData) => acceptWithIdentity(tag));
  }

  // Responds 401 without valid credentials and 403 without the permission, else hands over to git.
  async handle(request: http.IncomingMessage, response: http.ServerResponse, target: GitRequest): Promise<void> {
    const db = openDatabase(this.layout);
    let caller: Caller | undefined;
    try {
      caller = await this.authorize(db, request, response, target);
    } finally {
      db.close();
    }
    if (caller === undefined) return;

    HOOK_IDENTITIES.set(request, { fingerprint: caller.credential, name: caller.name });
    // node-git-server finds the repo from the URL; the validated name replaces what the client sent.
    const route = request.method === 'POST' ? `git-${target.service}` : `info/refs?service=git-${target.service}`;
    request.url = `/${target.app}.git/${route}`;
    this.git.handle(request, response);
  }

  private async authorize(db: Db, request: http.IncomingMessage, response: http.ServerResponse, target: GitRequest): Promise<Caller | undefined> {
    const credentials = parseBasicAuth(request.headers.authorization);
    const token = credentials === undefined ? undefined : verifyToken(db, credentials.password, credentials.user);
    if (token === undefined) {
      this.logger.info({ app: target.app, service: target.service, user: credentials?.user }, 'http git credentials rejected');
      response.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="piku", charset="UTF-8"' });
      response.end('Sign in with your user name and an API token from "tokens:create".\n');

      return undefined;
    }

    const caller = resolveCaller(db, { kind: 'token', id: token.id }, target.app);
    const required: AccessLevel = target.service === 'upload-pack' ? 'read' : 'deploy';
    const isCreating = target.service === 'receive-pack' && !isLevelAtLeast(caller.level, required) && isCreatingApp(this.layout, caller, target.app);
    if (!isLevelAtLeast(caller.level, required) && !isCreating) {
      this.deny(db, response, caller, target, required);

      return undefined;
    }

    if (target.service === 'receive-pack' && (await ensureRepo(getAppPaths(this.layout, target.app).repo, target.app, this.layout.root))) {
      if (caller.userId !== null) setGrant(db, caller.userId, target.app, 'manage');
      this.logger.info({ app: target.app, user: caller.name }, 'app created by push');
    }

    return caller;
  }

  private deny(db: Db, response: http.ServerResponse, caller: Caller, target: GitRequest, required: AccessLevel): void {
    const message = `Permission "${required}" on app "${target.app}" is missing for user "${caller.name}".`;
    this.logger.warn({ user: caller.name, credential: caller.credential, app: target.app, service: target.service, permission: required }, 'access denied');
    insertAuditEntry(db, { userName: caller.name, credential: caller.credential, app: target.app, action: `http git-${target.service}`, outcome: 'denied', exitStatus: null, detail: message });
    response.writeHead(403, { 'Content-Type': 'text/plain' });
    response.end(`${message}\n`);
  }
}

// node-git-server 1.0.0 spawns git-receive-pack with the server's own environment on the next tick
// after accept(), and offers no option for it. The pusher's identity is put into process.env
// before accept() and taken out on the 'service' event, which fires right after the spawn. No other
// request's code runs in between, because both happen in the same run of the nextTick queue.
function acceptWithIdentity(push: PushData | TagData): void {
  if (ACCEPTED.has(push.req)) return;

  ACCEPTED.add(push.req);
  const identity = HOOK_IDENTITIES.get(push.req);
  if (identity === undefined) return push.reject(403, 'The push has no checked identity.');

  const saved = { FINGERPRINT: process.env.FINGERPRINT, NAME: process.env.NAME };
  process.env.FINGERPRINT = identity.fingerprint;
  process.env.NAME = identity.name;
  push.once('service', () => restoreEnv(saved));
  push.once('reject', () => restoreEnv(saved));
  push.accept();
}

function restoreEnv(saved: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
