// The environment of an app's processes (preflight, release, workers, `run`), built in three layers,
// lowest precedence first: the platform's variables, the repo's ENV, then envs/<app>/ENV.
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { getAppPaths, type Layout } from '../home/layout.js';
import { mergeEnv, parseEnvFile } from './env-file.js';

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface AppEnvInput {
  app: string;
  layout: Layout;
  /** Directory holding the code whose ENV file is read: a new release during a deploy. */
  codeDir: string;
  /** Variables the runtime adds, e.g. VIRTUAL_ENV, and directories to put first on PATH. */
  runtime: { env: Record<string, string>; binDirs: string[] };
}

export interface AppEnv {
  /** The merged environment. */
  env: Record<string, string>;
  /** Keys set by each layer, so `config` can say where a value comes from. */
  platform: Record<string, string>;
  repo: Record<string, string>;
  app: Record<string, string>;
}

export function getAppEnv(input: AppEnvInput): AppEnv {
  const platform = getPlatformEnv(input);
  const repo = readEnvFile(path.join(input.codeDir, 'ENV'), 'ENV', platform);
  const appFile = getAppPaths(input.layout, input.app).envFile;
  const app = readEnvFile(appFile, `envs/${input.app}/ENV`, mergeEnv([platform, repo]));

  return { env: mergeEnv([platform, repo, app]), platform, repo, app };
}

// Variables piku gives every process; BIND_ADDRESS is a default the app's ENV may override.
function getPlatformEnv({ app, layout, runtime }: AppEnvInput): Record<string, string> {
  const paths = getAppPaths(layout, app);
  // A fixed system PATH, not the CLI's own: under a git hook it has git's libexec dir, and a PATH
  // that differs between callers would change the vassal text and restart workers for nothing.
  // Node's own directory joins it, so `node server.js` works wherever node is installed.
  const pathDirs = [...runtime.binDirs, path.dirname(process.execPath), ...SYSTEM_PATH.split(':')];

  return {
    APP: app,
    HOME: userInfo().homedir,
    USER: userInfo().username,
    PATH: [...new Set(pathDirs.filter((dir) => dir !== ''))].join(':'),
    PWD: paths.live,
    DATA_ROOT: paths.data,
    LOG_ROOT: paths.logs,
    CACHE_ROOT: paths.cache,
    BIND_ADDRESS: '127.0.0.1',
    LANG: 'C.UTF-8',
    ...runtime.env,
  };
}

function readEnvFile(file: string, source: string, inherited: Record<string, string>): Record<string, string> {
  if (!existsSync(file)) return {};

  return parseEnvFile(readFileSync(file, 'utf8'), { source, inherited });
}
