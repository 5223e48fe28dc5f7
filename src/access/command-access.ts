// Runs the access check for one CLI command and records its outcome in the audit trail. The
// database is opened only when the command needs a user: `help` and local runs of read-only
// commands skip it, and the check itself is one query.
import type { Logger } from 'pino';
import { isPikuError } from '../errors/piku-error.js';
import { validateAppName } from '../home/app-name.js';
import type { Layout } from '../home/layout.js';
import { insertAuditEntry } from '../store/audit.js';
import { openDatabase, type Db } from '../store/db.js';
import { authorizeCommand } from './authorize.js';
import { getCredential, LOCAL_CALLER, resolveCaller, type Caller } from './caller.js';
import type { Permission } from './levels.js';

export interface AccessRequest {
  layout: Layout;
  env: NodeJS.ProcessEnv;
  command: { name: string; permission: Permission; needsApp: boolean };
  args: string[];
  getLogger: () => Logger;
}

export interface CommandAccess {
  caller: Caller;
  /** Records the command's exit status in the audit trail (for commands that change state) and closes the database. */
  finish: (exitStatus: number) => void;
}

// Commands that change nothing. Every other command is audited, including commands added later.
const READ_ONLY_COMMANDS = new Set([
  'help', 'apps', 'config', 'config:get', 'config:live', 'deploys', 'deploy:log', 'logs', 'ps',
  'git-upload-pack', 'access', 'users', 'audit', 'serve',
  // A push is audited once, by the pre-receive hook's git-hook, whose exit status is the deploy's.
  'git-receive-pack',
]);

// Resolves the caller and checks the command's permission; a denial is logged, audited and thrown.
export function checkCommandAccess(request: AccessRequest): CommandAccess | undefined {
  const { command } = request;
  const credential = getCredential(request.env);
  const isAudited = !READ_ONLY_COMMANDS.has(command.name);
  if (command.permission === 'none') return undefined;
  if (credential.kind === 'local' && !isAudited) return { caller: LOCAL_CALLER, finish: () => {} };

  const app = command.needsApp ? validateAppName(request.args[0]!) : undefined;
  const db = openDatabase(request.layout);
  let caller: Caller | undefined;
  try {
    caller = resolveCaller(db, credential, app);
    authorizeCommand(request.layout, caller, { name: command.name, permission: command.permission, app });
  } catch (error) {
    recordDenial(db, request, { caller, app, error });
    db.close();
    throw error;
  }
  if (!isAudited) db.close();

  // The entry may call finish twice: after the command, and again when recording it threw.
  let isFinished = !isAudited;
  const finish = (exitStatus: number) => {
    if (isFinished) return;

    isFinished = true;
    finishAudited(db, caller, command.name, app, exitStatus);
  };

  return { caller, finish };
}

function finishAudited(db: Db, caller: Caller, action: string, app: string | undefined, exitStatus: number): void {
  try {
    insertAuditEntry(db, {
      userName: caller.name,
      credential: caller.credential,
      app: app ?? null,
      action: action === 'git-hook' ? 'push' : action,
      outcome: exitStatus === 0 ? 'succeeded' : 'failed',
      exitStatus,
      detail: null,
    });
  } finally {
    db.close();
  }
}

function recordDenial(db: Db, request: AccessRequest, denial: { caller: Caller | undefined; app: string | undefined; error: unknown }): void {
  const credential = request.env.FINGERPRINT ?? 'local';
  const user = denial.caller?.name ?? 'unknown';
  const code = isPikuError(denial.error) ? denial.error.code : 'internal';
  request.getLogger().warn({ user, credential, app: denial.app, command: request.command.name, code }, 'access denied');
  insertAuditEntry(db, {
    userName: user,
    credential: denial.caller?.credential ?? credential,
    app: denial.app ?? null,
    action: request.command.name,
    outcome: 'denied',
    exitStatus: isPikuError(denial.error) ? denial.error.exitCode : 1,
    detail: isPikuError(denial.error) ? denial.error.message : null,
  });
}
