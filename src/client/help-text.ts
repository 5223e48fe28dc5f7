// The client's own part of `piku help`: usage, options, environment, and where the server and app
// were found. The server's command list follows it, printed by the server.
import { formatServerAddress } from './remote-url.js';
import { DEFAULT_REMOTE, type Target } from './target.js';

const USAGE = `Usage: piku [-r REMOTE] COMMAND [ARGS...]

Runs COMMAND on a piku server over SSH. A command that works on an app gets the app name after it,
so "piku config:set KEY=VALUE" runs "config:set APP KEY=VALUE" on the server.

Options:
  -r, --remote NAME  take the server and app from git remote NAME instead of "${DEFAULT_REMOTE}"
  -h, --help         print this help and the server's commands

Environment:
  PIKU_SERVER      server as user@host or ssh://user@host:port, used instead of the remote's
  PIKU_APP         app name, used instead of the remote's
  GIT_SSH_COMMAND  ssh program and options, as for git push (else git's core.sshCommand, else ssh)
`;

// Returns the usage, options and environment part of the help.
export function formatClientUsage(): string {
  return USAGE;
}

// Renders where the server and app come from, or how to set them when they are not known.
export function formatTarget(target: Target): string {
  const server = target.server === undefined
    ? `none (add a git remote "${DEFAULT_REMOTE}" or set PIKU_SERVER)`
    : `${formatServerAddress(target.server)} (${target.serverSource})`;
  const app = target.app === undefined ? 'none (set PIKU_APP or use -r REMOTE)' : `${target.app} (${target.appSource})`;

  return `\nServer: ${server}\nApp:    ${app}\n`;
}
