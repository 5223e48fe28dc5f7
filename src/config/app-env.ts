// The environment of an app's processes (preflight, release, workers, `run`), built in three layers,
// lowest precedence first: the platform's variables, the repo's ENV, then envs/<app>/ENV.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getAppPaths, type Layout } from '../home/layout.js';
import { mergeEnv, parseEnvFile } from './env-file.js';

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
  // Node's own directory joins PATH, so `node server.js` works under sshd's minimal PATH.
  const systemPath = process.env.PATH || '/usr/local/bin:/usr/bin:/bin';
  const pathDirs = [...runtime.binDirs, path.dirname(process.execPath), ...systemPath.split(':')];

  return {
    APP: app,
    HOME: process.env.HOME || '/',
    USER: process.env.USER || process.env.LOGNAME || 'piku',
    PATH: [...new Set(pathDirs.filter((dir) => dir !== ''))].join(':'),
    PWD: paths.live,
    DATA_ROOT: paths.data,
    LOG_ROOT: paths.logs,
    CACHE_ROOT: paths.cache,
    BIND_ADDRESS: '127.0.0.1',
    ...(process.env.LANG ? { LANG: process.env.LANG } : {}),
    ...runtime.env,
  };
}

function readEnvFile(file: string, source: string, inherited: Record<string, string>): Record<string, string> {
  if (!existsSync(file)) return {};

  return parseEnvFile(readFileSync(file, 'utf8'), { source, inherited });
}
