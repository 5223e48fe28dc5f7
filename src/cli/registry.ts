// The list of commands. Entries carry only what the entry point needs before loading a command
// (its name, whether it needs an app, its help line), so running one command loads one module.
import type { Permission } from '../access/levels.js';
import type { CommandModule } from './command.js';

export interface CommandSpec {
  name: string;
  /** Arguments as shown in help, e.g. "APP KEY=VALUE...". */
  usage: string;
  summary: string;
  /** True when the first argument is an app name. */
  needsApp: boolean;
  /**
   * What the caller needs, checked by the entry before the command loads: "none" (anyone, no
   * database), a level on the app in the first argument, or "admin". A command without an app that
   * asks for a level needs only a known user and applies its own rule (audit, tokens:create).
   */
  permission: Permission;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'apps', usage: '', summary: 'List the apps', needsApp: false, permission: 'read', load: () => import('./commands/apps.js') },
  { name: 'config', usage: 'APP', summary: "Show the app's config: the repo's ENV merged with envs/APP/ENV", needsApp: true, permission: 'read', load: () => import('./commands/config.js') },
  { name: 'config:get', usage: 'APP KEY', summary: 'Print one config value', needsApp: true, permission: 'manage', load: () => import('./commands/config-get.js') },
  { name: 'config:set', usage: 'APP KEY=VALUE... [--no-restart]', summary: 'Set config values and restart the workers', needsApp: true, permission: 'manage', load: () => import('./commands/config-set.js') },
  { name: 'config:unset', usage: 'APP KEY... [--no-restart]', summary: 'Remove config values and restart the workers', needsApp: true, permission: 'manage', load: () => import('./commands/config-unset.js') },
  { name: 'config:live', usage: 'APP', summary: 'Print the environment of the last start (LIVE_ENV)', needsApp: true, permission: 'manage', load: () => import('./commands/config-live.js') },
  { name: 'deploy', usage: 'APP', summary: 'Deploy the current code of the deploy branch again', needsApp: true, permission: 'deploy', load: () => import('./commands/deploy.js') },
  { name: 'deploys', usage: 'APP', summary: 'List the deploys of an app, newest first', needsApp: true, permission: 'read', load: () => import('./commands/deploys.js') },
  { name: 'deploy:log', usage: 'APP [ID]', summary: "Print a deploy's full log (default: the latest)", needsApp: true, permission: 'read', load: () => import('./commands/deploy-log.js') },
  { name: 'deploy:cancel', usage: 'APP', summary: 'Stop the running deploy or rollback of an app', needsApp: true, permission: 'deploy', load: () => import('./commands/deploy-cancel.js') },
  { name: 'releases', usage: 'APP', summary: 'List the kept releases, newest first', needsApp: true, permission: 'read', load: () => import('./commands/releases.js') },
  { name: 'rollback', usage: 'APP [RELEASE]', summary: 'Return to a kept release (default: the previous one) without building', needsApp: true, permission: 'deploy', load: () => import('./commands/rollback.js') },
  { name: 'workers:retire', usage: 'APP SLOT [DEPLOY]', summary: 'Stop the old HTTP workers after a cutover (started by deploys)', needsApp: true, permission: 'admin', load: () => import('./commands/workers-retire.js') },
  { name: 'logs', usage: 'APP [KIND] [-n N] [--no-follow]', summary: 'Print the last N (20) lines of each worker log, then follow them', needsApp: true, permission: 'read', load: () => import('./commands/logs.js') },
  { name: 'ps', usage: 'APP', summary: "List the app's workers and whether each runs", needsApp: true, permission: 'read', load: () => import('./commands/ps.js') },
  { name: 'ps:scale', usage: 'APP KIND=COUNT...', summary: 'Set how many workers of each kind run', needsApp: true, permission: 'deploy', load: () => import('./commands/ps-scale.js') },
  { name: 'restart', usage: 'APP', summary: 'Restart every worker; starts a stopped app', needsApp: true, permission: 'deploy', load: () => import('./commands/restart.js') },
  { name: 'stop', usage: 'APP', summary: 'Stop every worker until restart or the next deploy', needsApp: true, permission: 'deploy', load: () => import('./commands/stop.js') },
  { name: 'destroy', usage: 'APP', summary: 'Remove the app without asking; data/APP and cache/APP stay', needsApp: true, permission: 'manage', load: () => import('./commands/destroy.js') },
  { name: 'run', usage: 'APP COMMAND...', summary: 'Run a command in the live release with its environment', needsApp: true, permission: 'manage', load: () => import('./commands/run.js') },
  { name: 'certs:renew', usage: '[APP]', summary: 'Renew TLS certificates that are self-signed or due within 30 days (for cron)', needsApp: false, permission: 'admin', load: () => import('./commands/certs-renew.js') },
  { name: 'cloudflare:refresh', usage: '[--ipv4-url URL] [--ipv6-url URL] [--output FILE]', summary: "Download Cloudflare's address ranges for NGINX_CLOUDFLARE_ACL", needsApp: false, permission: 'admin', load: () => import('./commands/cloudflare-refresh.js') },
  { name: 'nginx:render', usage: '', summary: "Render every app's nginx vhost again and reload nginx once (after an upgrade or a piku.conf change)", needsApp: false, permission: 'admin', load: () => import('./commands/nginx-render.js') },
  { name: 'users', usage: '', summary: 'List the users with their keys and tokens', needsApp: false, permission: 'admin', load: () => import('./commands/users.js') },
  { name: 'users:add', usage: 'NAME [--admin]', summary: 'Add a user; --admin may do everything', needsApp: false, permission: 'admin', load: () => import('./commands/users-add.js') },
  { name: 'users:remove', usage: 'NAME', summary: 'Remove a user with their keys, tokens and grants', needsApp: false, permission: 'admin', load: () => import('./commands/users-remove.js') },
  { name: 'keys:add', usage: 'NAME FILE|-', summary: "Add an SSH public key to a user and to authorized_keys", needsApp: false, permission: 'admin', load: () => import('./commands/keys-add.js') },
  { name: 'keys:remove', usage: 'FINGERPRINT', summary: 'Remove an SSH key from its user and from authorized_keys', needsApp: false, permission: 'admin', load: () => import('./commands/keys-remove.js') },
  { name: 'access', usage: 'APP', summary: 'List who may do what on an app', needsApp: true, permission: 'manage', load: () => import('./commands/access.js') },
  { name: 'access:grant', usage: 'APP NAME read|deploy|manage', summary: "Set a user's level on an app", needsApp: true, permission: 'admin', load: () => import('./commands/access-grant.js') },
  { name: 'access:revoke', usage: 'APP NAME', summary: "Remove a user's grant on an app", needsApp: true, permission: 'admin', load: () => import('./commands/access-revoke.js') },
  { name: 'tokens:create', usage: 'NAME [--app APP] [--expires DAYS]', summary: 'Create an API token for HTTP push and the dashboard; shown once', needsApp: false, permission: 'read', load: () => import('./commands/tokens-create.js') },
  { name: 'tokens:revoke', usage: 'ID', summary: 'Revoke an API token and end its dashboard sessions', needsApp: false, permission: 'read', load: () => import('./commands/tokens-revoke.js') },
  { name: 'audit', usage: '[APP] [-n N]', summary: 'List the last N (50) state-changing actions and denials, newest first', needsApp: false, permission: 'read', load: () => import('./commands/audit.js') },
  { name: 'serve', usage: '[--listen ADDRESS:PORT]', summary: 'Serve git push over HTTP and the dashboard (default 127.0.0.1:5080)', needsApp: false, permission: 'admin', load: () => import('./commands/serve.js') },
  { name: 'help', usage: '', summary: 'List the commands', needsApp: false, permission: 'none', load: () => import('./commands/help.js') },
  { name: 'setup', usage: '', summary: 'Create the platform layout under $PIKU_ROOT', needsApp: false, permission: 'admin', load: () => import('./commands/setup.js') },
  { name: 'setup:ssh', usage: 'FILE|-', summary: 'Authorize a public key to push and run commands', needsApp: false, permission: 'admin', load: () => import('./commands/setup-ssh.js') },
  { name: 'git-hook', usage: 'APP', summary: 'Deploy from a push (called by git)', needsApp: true, permission: 'deploy', load: () => import('./commands/git-hook.js') },
  { name: 'git-receive-pack', usage: 'APP', summary: 'Receive a push (called by git over SSH)', needsApp: true, permission: 'deploy', load: () => import('./commands/git-receive-pack.js') },
  { name: 'git-upload-pack', usage: 'APP', summary: 'Serve a clone or fetch (called by git over SSH)', needsApp: true, permission: 'read', load: () => import('./commands/git-upload-pack.js') },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
