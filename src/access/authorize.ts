// The one permission check of the CLI: entry.ts calls authorizeCommand before a command loads, so
// every command, including those added later, is checked the same way.
import { existsSync } from 'node:fs';
import { PIKU_ERR_ACCESS_ADMIN_REQUIRED, PIKU_ERR_ACCESS_DENIED } from '../errors/codes.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import type { Caller } from './caller.js';
import { isLevelAtLeast, type Permission } from './levels.js';

export interface CommandRequest {
  name: string;
  permission: Permission;
  /** The validated app argument, for commands whose first argument is an app. */
  app: string | undefined;
}

// Throws PIKU_ERR_ACCESS_* when the caller lacks the command's permission. Without an app, a
// level permission only needs a known user, and the command applies its own rule (audit, tokens:create).
export function authorizeCommand(layout: Layout, caller: Caller, request: CommandRequest): void {
  const { permission, app } = request;
  if (permission === 'none' || caller.isAdmin) return;
  if (permission === 'admin') throw PIKU_ERR_ACCESS_ADMIN_REQUIRED(request.name, caller.name);
  if (app === undefined) return;
  if (isLevelAtLeast(caller.level, permission)) return;
  if (request.name === 'git-receive-pack' && isCreatingApp(layout, caller, app)) return;

  throw PIKU_ERR_ACCESS_DENIED(permission, app, caller.name);
}

// The first push to a free name creates the app and makes the pusher its manager, unless the
// caller's token is restricted to another app.
export function isCreatingApp(layout: Layout, caller: Caller, app: string): boolean {
  if (caller.tokenApp !== null && caller.tokenApp !== app) return false;

  return !existsSync(getAppPaths(layout, app).repo);
}
