// Applies config:set and config:unset: edits envs/<app>/ENV under the app's lock, then restarts the
// app's workers with the new environment. It only writes the file when asked to (--no-restart) or
// when the app has no live release yet.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Identity } from '../cli/command.js';
import { PIKU_ERR_CONFIG_CHANGE_FAILED } from '../errors/codes.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import { getSettings } from '../home/settings.js';
import { DeployOutput } from '../pipeline/deploy-output.js';
import { acquireAppLock, releaseAppLock } from '../pipeline/lock.js';
import { NO_RECORDER } from '../pipeline/recorder.js';
import { reconfigureApp } from '../pipeline/reconfigure.js';
import { openDatabase } from '../store/db.js';
import { getEffectiveConfig } from './effective-config.js';
import { setEnvKeys, unsetEnvKeys } from './env-edit.js';
import { parseEnvFile } from './env-file.js';

export interface ConfigChangeRequest {
  app: string;
  layout: Layout;
  identity: Identity;
  logger: Logger;
  stream: NodeJS.WritableStream;
  /** False for --no-restart: write the file and leave the workers as they are. */
  restart: boolean;
}

const LABEL = 'config change';
const NOT_RESTARTED = 'Not restarted (--no-restart): the workers get the change at the next deploy or restart.';

// config:set: writes the values raw (never expanded) and restarts the workers.
export async function setAppConfig(request: ConfigChangeRequest, values: ReadonlyMap<string, string>): Promise<void> {
  const output = new DeployOutput(request.stream, NO_RECORDER);
  const edit = (text: string) => setEnvKeys(text, values);
  validateEdit(request, edit);

  for (const key of values.keys()) output.header(`Setting ${key} for app ${request.app}`);
  await applyEdit(request, output, edit);
}

// config:unset: removes the keys that envs/<app>/ENV sets and restarts the workers. A key that it
// does not set is reported and skipped, so running the same unset twice succeeds both times.
export async function unsetAppConfig(request: ConfigChangeRequest, keys: ReadonlySet<string>): Promise<void> {
  const output = new DeployOutput(request.stream, NO_RECORDER);
  const config = getEffectiveConfig(request.layout, request.app);
  const removed = new Set([...keys].filter((key) => Object.hasOwn(config.app, key)));
  const edit = (text: string) => unsetEnvKeys(text, removed);
  validateEdit(request, edit);

  for (const key of keys) {
    if (removed.has(key)) output.header(`Removing ${key} from app ${request.app}`);
    else if (Object.hasOwn(config.repo, key)) output.detail(`${key} comes from the repo's ENV file, which config:unset cannot change: remove it there and push.`);
    else output.detail(`${key} is not set for app ${request.app}: nothing to remove.`);
  }
  if (removed.size > 0) await applyEdit(request, output, edit);
}

// Fails before any output when the current file cannot be edited, e.g. it has a line without "=".
function validateEdit(request: ConfigChangeRequest, edit: (text: string) => string): void {
  const envFile = getAppPaths(request.layout, request.app).envFile;
  const current = existsSync(envFile) ? readFileSync(envFile, 'utf8') : '';
  parseEnvFile(edit(current), { source: `envs/${request.app}/ENV` });
}

async function applyEdit(request: ConfigChangeRequest, output: DeployOutput, edit: (text: string) => string): Promise<void> {
  const { app, layout, identity } = request;
  const paths = getAppPaths(layout, app);
  // The edit runs again under the lock, on the file as it is then, so a concurrent change is kept.
  const prepare = () => writeEditedEnv(app, paths.envFile, edit);
  const db = openDatabase(layout);

  try {
    if (!request.restart || !existsSync(paths.live)) {
      await acquireAppLock({ db, app, holder: identity.name, purpose: LABEL, notify: (message) => output.detail(message) });
      try {
        prepare();
      } finally {
        releaseAppLock(db, app);
      }
      output.detail(request.restart ? `App ${app} has no live release yet: the change applies at its first deploy.` : NOT_RESTARTED);

      return;
    }

    const settings = getSettings(layout);
    const succeeded = await reconfigureApp({ app, label: LABEL, identity, layout, settings, db, logger: request.logger, stream: request.stream, startsApp: false, prepare });
    if (!succeeded) throw PIKU_ERR_CONFIG_CHANGE_FAILED(app);
  } finally {
    db.close();
  }
}

// Writes the edited file and returns the undo that puts the previous content back.
function writeEditedEnv(app: string, envFile: string, edit: (text: string) => string): () => void {
  const previous = existsSync(envFile) ? readFileSync(envFile, 'utf8') : undefined;
  const text = edit(previous ?? '');
  parseEnvFile(text, { source: `envs/${app}/ENV` });
  writeEnvFile(envFile, text);

  return () => {
    if (previous === undefined) rmSync(envFile, { force: true });
    else writeEnvFile(envFile, previous);
  };
}

// Mode 0600 because the file contains secrets. The rename makes a reader see the old or the new file.
function writeEnvFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
