// Reads the git settings the client needs from the checkout it runs in.
import { execFileSync } from 'node:child_process';

// Returns the URL of git remote `name`, or undefined when the remote is not configured, the
// directory is not a checkout, or git is not installed.
export function getRemoteUrl(name: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  // NOTE: like piku's own client this reads the configured URL as written, so a url.*.insteadOf
  // rewrite that git would apply to the remote is not applied here.
  return getConfigValue(`remote.${name}.url`, cwd, env);
}

// Returns git's core.sshCommand, which git uses for SSH when GIT_SSH_COMMAND is not set.
export function getSshCommandSetting(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  return getConfigValue('core.sshCommand', cwd, env);
}

// `git config --get` exits 1 when the key is not set (outside a checkout it reads only the
// user's and the system's config). Any failure, including a missing git, means "no value".
function getConfigValue(key: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const value = execFileSync('git', ['config', '--get', key], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

    return value.replace(/\n$/, '') || undefined;
  } catch {
    return undefined;
  }
}
