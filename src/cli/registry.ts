// The list of commands. Entries carry only what the entry point needs before loading a command
// (its name, whether it needs an app, its help line), so running one command loads one module.
import type { CommandModule } from './command.js';

export interface CommandSpec {
  name: string;
  /** Arguments as shown in help, e.g. "APP KEY=VALUE...". */
  usage: string;
  summary: string;
  /** True when the first argument is an app name. */
  needsApp: boolean;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'apps', usage: '', summary: 'List the apps', needsApp: false, load: () => import('./commands/apps.js') },
  { name: 'deploy', usage: 'APP', summary: 'Deploy the current code of the deploy branch again', needsApp: true, load: () => import('./commands/deploy.js') },
  { name: 'deploys', usage: 'APP', summary: 'List the deploys of an app, newest first', needsApp: true, load: () => import('./commands/deploys.js') },
  { name: 'deploy:log', usage: 'APP [ID]', summary: "Print a deploy's full log (default: the latest)", needsApp: true, load: () => import('./commands/deploy-log.js') },
  { name: 'help', usage: '', summary: 'List the commands', needsApp: false, load: () => import('./commands/help.js') },
  { name: 'setup', usage: '', summary: 'Create the platform layout under $PIKU_ROOT', needsApp: false, load: () => import('./commands/setup.js') },
  { name: 'setup:ssh', usage: 'FILE|-', summary: 'Authorize a public key to push and run commands', needsApp: false, load: () => import('./commands/setup-ssh.js') },
  { name: 'git-hook', usage: 'APP', summary: 'Deploy from a push (called by git)', needsApp: true, load: () => import('./commands/git-hook.js') },
  { name: 'git-receive-pack', usage: 'APP', summary: 'Receive a push (called by git over SSH)', needsApp: true, load: () => import('./commands/git-receive-pack.js') },
  { name: 'git-upload-pack', usage: 'APP', summary: 'Serve a clone or fetch (called by git over SSH)', needsApp: true, load: () => import('./commands/git-upload-pack.js') },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
