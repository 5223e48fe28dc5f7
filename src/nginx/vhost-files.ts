// Puts an app's vhost in place only after nginx accepts it. nginx -t reads the whole configuration,
// so the candidate is moved into place, tested, and the previous file moved back when the test
// fails. A platform-wide "@nginx" lock keeps two apps from testing or reloading at the same time.
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_NGINX_CONFIG_REJECTED } from '../errors/codes.js';
import { writeAtomically } from '../home/atomic-write.js';
import type { Settings } from '../home/settings.js';
import { acquireAppLock, releaseAppLock } from '../pipeline/lock.js';
import type { Db } from '../store/db.js';
import { reloadNginx, testNginx } from './nginx-control.js';

export interface VhostChange {
  db: Db;
  settings: Settings;
  app: string;
  /** nginx/<app>.conf */
  file: string;
  /** The new vhost, or null to remove the app's vhost. */
  text: string | null;
  notify: (message: string) => void;
  holder: string;
}

const NGINX_LOCK = '@nginx';

/** The state a passed nginx -t tested: the candidate text and every other file in the nginx folder. */
export interface CheckedVhost {
  text: string | null;
  /** Name, size and modification time of each other file, e.g. other apps' vhosts and certificates. */
  others: string;
}

// Checks the vhost with nginx -t and leaves the previous file in place whatever the result.
export async function checkVhost(change: VhostChange): Promise<CheckedVhost> {
  return withNginxLock(change, async () => {
    const restore = swapIn(change.file, change.text);
    try {
      await assertNginxAccepts(change);

      return { text: change.text, others: describeOtherFiles(change.file) };
    } finally {
      restore();
    }
  });
}

// Installs or removes the vhost and reloads nginx; on a failed test or reload the previous file stays.
// With `checked` from checkVhost, the test is skipped when neither the text nor any other file in
// the nginx folder changed since: with 200 apps, nginx -t takes over 100 ms.
export async function applyVhost(change: VhostChange, checked?: CheckedVhost): Promise<void> {
  const isUnchangedSinceCheck = () => checked !== undefined && checked.text === change.text && checked.others === describeOtherFiles(change.file);
  await applyVhosts({ ...change, files: [{ file: change.file, text: change.text }] }, isUnchangedSinceCheck);
}

export interface VhostBatch extends Omit<VhostChange, 'file' | 'text'> {
  files: Array<{ file: string; text: string | null }>;
}

// Puts several vhosts in place at once, tests nginx once and reloads it once. When the test fails,
// every previous file is back before the error is thrown. When `isTested` returns true for the
// files in place, the test is skipped.
export async function applyVhosts(batch: VhostBatch, isTested: () => boolean = () => false): Promise<void> {
  await withNginxLock(batch, async () => {
    const restores = batch.files.map(({ file, text }) => swapIn(file, text));
    // A failed reload puts the files back too, so the files always show what nginx runs.
    try {
      if (!isTested()) await assertNginxAccepts(batch);
      await reloadNginx(batch.settings);
    } catch (error) {
      for (const restore of restores.reverse()) restore();
      throw error;
    }
  });
}

// Runs `action` under the platform-wide "@nginx" lock; certificate installs take it too.
export async function withNginxLock<T>(change: Pick<VhostChange, 'db' | 'app' | 'holder' | 'notify'>, action: () => Promise<T>): Promise<T> {
  await acquireAppLock({ db: change.db, app: NGINX_LOCK, holder: change.holder, purpose: `nginx change for ${change.app}`, notify: change.notify });
  try {
    return await action();
  } finally {
    releaseAppLock(change.db, NGINX_LOCK);
  }
}

async function assertNginxAccepts(change: Pick<VhostChange, 'settings' | 'app'>): Promise<void> {
  const result = await testNginx(change.settings);
  if (!result.ok) throw PIKU_ERR_NGINX_CONFIG_REJECTED.with({ details: { output: result.output } }, change.app, getErrorLine(result.output));
}

// Lists name, size and modification time of every regular file in the vhost's folder except the
// vhost. Workers' sockets and their links come and go there without changing nginx's config.
function describeOtherFiles(file: string): string {
  const directory = path.dirname(file);
  const lines: string[] = [];
  for (const name of readdirSync(directory).sort()) {
    const stats = lstatSync(path.join(directory, name), { throwIfNoEntry: false });
    if (name !== path.basename(file) && stats?.isFile()) lines.push(`${name} ${stats.size} ${stats.mtimeMs}`);
  }

  return lines.join('\n');
}

// Writes `text` (or removes the file for null) and returns a function that puts the old file back.
function swapIn(file: string, text: string | null): () => void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (text === null) rmSync(file, { force: true });
  else writeAtomically(file, text);

  return () => {
    if (previous === null) rmSync(file, { force: true });
    else writeAtomically(file, previous);
  };
}


// nginx -t prints "the configuration file ... syntax is ok" lines too; the [emerg] line is the cause.
export function getErrorLine(output: string): string {
  return output.split('\n').find((line) => /\[(emerg|alert|crit|error)\]/.test(line)) ?? output.split('\n')[0] ?? 'no output';
}
