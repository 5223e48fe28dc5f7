// run: a one-off command in the app's live release (apps/<app>) with the environment its workers
// got at their last start (envs/<app>/LIVE_ENV). The command line goes to /bin/sh -c, as in piku,
// and inherits stdin, stdout and stderr, so `ssh -t host run app bash` gives an interactive shell.
// It works on a stopped app too: the code and environment are still there, e.g. for a migration.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { parseLiveEnv } from '../config/live-env.js';
import { PIKU_ERR_APP_NOT_DEPLOYED, PIKU_ERR_RUN_START_FAILED } from '../errors/codes.js';
import { getAppPaths, type Layout } from '../home/layout.js';

// The terminal's type is not part of LIVE_ENV but an interactive command needs it.
const PASSED_THROUGH = ['TERM'];
// As with system(3), the terminal's Ctrl-C and Ctrl-\ go to the command; it decides whether to exit.
const IGNORED_SIGNALS = ['SIGINT', 'SIGQUIT'] as const;
// A hangup or kill of this process is passed on, so the command does not outlive the session.
const FORWARDED_SIGNALS = ['SIGHUP', 'SIGTERM'] as const;

// Runs the command and returns its exit status, or 128 + N when signal N ended it (as a shell does).
export async function runInApp(layout: Layout, app: string, words: string[]): Promise<number> {
  const paths = getAppPaths(layout, app);
  if (!existsSync(paths.live) || !existsSync(paths.liveEnvFile)) throw PIKU_ERR_APP_NOT_DEPLOYED(app);

  const env = parseLiveEnv(readFileSync(paths.liveEnvFile, 'utf8'), `envs/${app}/LIVE_ENV`);
  for (const name of PASSED_THROUGH) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  const child = spawn('/bin/sh', ['-c', joinCommandWords(words)], { cwd: paths.live, env, stdio: 'inherit' });

  const ignore = () => {};
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of IGNORED_SIGNALS) process.on(signal, ignore);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  try {
    return await waitForExit(app, child);
  } finally {
    for (const signal of IGNORED_SIGNALS) process.off(signal, ignore);
    for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
  }
}

// Joins words with spaces, as piku does, but single-quotes a word that contains whitespace (or is
// empty), which only quotes on the client can have made: [sh, -c, "exit 7"] -> "sh -c 'exit 7'".
// Other words pass unquoted, so $VAR, globs and "|" keep their shell meaning, as under piku.
export function joinCommandWords(words: string[]): string {
  return words.map((word) => (word === '' || /\s/.test(word) ? `'${word.replaceAll("'", "'\\''")}'` : word)).join(' ');
}

function waitForExit(app: string, child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(PIKU_ERR_RUN_START_FAILED.with({ cause: error }, app, error.message)));
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
  });
}
