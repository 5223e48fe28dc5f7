// Puts an app's vhost in place only after nginx accepts it. nginx -t reads the whole configuration,
// so the candidate is moved into place, tested, and the previous file moved back when the test
// fails. A platform-wide "@nginx" lock keeps two apps from testing or reloading at the same time.
import { existsSync, readFileSync, rmSync } from 'node:fs';
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

// Checks the vhost with nginx -t and leaves the previous file in place whatever the result.
export async function checkVhost(change: VhostChange): Promise<void> {
  await withNginxLock(change, async () => {
    const restore = swapIn(change.file, change.text);
    try {
      await assertNginxAccepts(change);
    } finally {
      restore();
    }
  });
}

// Installs or removes the vhost and reloads nginx; on a failed test the previous file stays.
export async function applyVhost(change: VhostChange): Promise<void> {
  await applyVhosts({ ...change, files: [{ file: change.file, text: change.text }] });
}

export interface VhostBatch extends Omit<VhostChange, 'file' | 'text'> {
  files: Array<{ file: string; text: string | null }>;
}

// Puts several vhosts in place at once, tests nginx once and reloads it once; when the test fails,
// every previous file is back before the error is thrown.
export async function applyVhosts(batch: VhostBatch): Promise<void> {
  await withNginxLock(batch, async () => {
    const restores = batch.files.map(({ file, text }) => swapIn(file, text));
    try {
      await assertNginxAccepts(batch);
    } catch (error) {
      for (const restore of restores.reverse()) restore();
      throw error;
    }
    await reloadNginx(batch.settings);
  });
}

// Runs `action` under the platform-wide "@nginx" lock; certificate installs take it too.
export async function withNginxLock(change: Pick<VhostChange, 'db' | 'app' | 'holder' | 'notify'>, action: () => Promise<void>): Promise<void> {
  await acquireAppLock({ db: change.db, app: NGINX_LOCK, holder: change.holder, purpose: `nginx change for ${change.app}`, notify: change.notify });
  try {
    await action();
  } finally {
    releaseAppLock(change.db, NGINX_LOCK);
  }
}

async function assertNginxAccepts(change: Pick<VhostChange, 'settings' | 'app'>): Promise<void> {
  const result = await testNginx(change.settings);
  if (!result.ok) throw PIKU_ERR_NGINX_CONFIG_REJECTED.with({ details: { output: result.output } }, change.app, getErrorLine(result.output));
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
