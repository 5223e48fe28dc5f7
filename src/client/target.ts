// Decides which server and app a client command goes to. Precedence, highest first:
//   1. -r NAME: server and app both come from git remote NAME, which must exist;
//   2. PIKU_SERVER and PIKU_APP, each replacing its own part of the "piku" remote;
//   3. git remote "piku" of the checkout the client runs in.
import { PIKU_ERR_CLIENT_REMOTE_NOT_FOUND } from '../errors/codes.js';
import { getRemoteUrl } from './git-config.js';
import { parseRemoteUrl, parseServerAddress, type RemoteTarget, type ServerAddress } from './remote-url.js';

export const DEFAULT_REMOTE = 'piku';

export interface Target {
  server?: ServerAddress;
  app?: string;
  /** Origin of the server, e.g. `git remote "piku"` or `PIKU_SERVER`, shown by help. */
  serverSource?: string;
  appSource?: string;
}

export interface TargetOptions {
  /** Remote named with -r; undefined when the flag was not given. */
  remote?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

// Resolves the server and app. Either may be undefined: help runs without them, and the caller
// raises the error when a command needs the missing one.
export function resolveTarget({ remote, cwd, env }: TargetOptions): Target {
  if (remote !== undefined) return getTargetFromRemote(remote, cwd, env);

  const envServer = env.PIKU_SERVER || undefined;
  const envApp = env.PIKU_APP || undefined;
  const fromRemote = envServer !== undefined && envApp !== undefined ? undefined : readRemote(DEFAULT_REMOTE, cwd, env);
  const remoteSource = `git remote "${DEFAULT_REMOTE}"`;

  return {
    server: envServer === undefined ? fromRemote?.server : parseServerAddress(envServer),
    serverSource: envServer === undefined ? fromRemote && remoteSource : 'PIKU_SERVER',
    app: envApp ?? fromRemote?.app,
    appSource: envApp === undefined ? fromRemote && remoteSource : 'PIKU_APP',
  };
}

function getTargetFromRemote(remote: string, cwd: string, env: NodeJS.ProcessEnv): Target {
  const parsed = readRemote(remote, cwd, env);
  if (parsed === undefined) throw PIKU_ERR_CLIENT_REMOTE_NOT_FOUND(remote, cwd);

  const source = `git remote "${remote}"`;

  return { server: parsed.server, app: parsed.app, serverSource: source, appSource: source };
}

function readRemote(remote: string, cwd: string, env: NodeJS.ProcessEnv): RemoteTarget | undefined {
  const url = getRemoteUrl(remote, cwd, env);

  return url === undefined ? undefined : parseRemoteUrl(url, `Git remote "${remote}" URL`);
}
