// Runs a rollback for the dashboard in the server process through the pipeline's rollbackApp, as
// the signed-in user, and records it in the audit trail as the CLI entry does for `rollback`.
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Caller } from '../access/caller.js';
import { isPikuError } from '../errors/piku-error.js';
import type { Layout } from '../home/layout.js';
import { getSettings } from '../home/settings.js';
import { FAILURE_PREFIX } from '../pipeline/deploy-output.js';
import { rollbackApp } from '../pipeline/rollback.js';
import { insertAuditEntry } from '../store/audit.js';
import { openDatabase } from '../store/db.js';

export interface RollbackResult {
  exitCode: number;
  /** Output that `rollback` over SSH would have printed. */
  output: string;
}

// The caller's deploy level on the app must be checked before.
export async function runRollback(layout: Layout, logger: Logger, caller: Caller, app: string, release: number): Promise<RollbackResult> {
  let output = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      output += chunk.toString();
      callback();
    },
  });
  const db = openDatabase(layout);
  let exitCode = 1;
  try {
    const identity = { fingerprint: caller.credential, name: caller.name };
    const result = await rollbackApp({ app, target: release, identity, layout, settings: getSettings(layout), db, logger, stream });
    exitCode = result.succeeded ? 0 : 1;
  } catch (error) {
    if (!isPikuError(error)) throw error;

    output += `${FAILURE_PREFIX}${error.message}\n`;
    exitCode = error.exitCode;
  } finally {
    const outcome = exitCode === 0 ? 'succeeded' : 'failed';
    insertAuditEntry(db, { userName: caller.name, credential: caller.credential, app, action: 'rollback', outcome, exitStatus: exitCode, detail: `release ${release} from the dashboard` });
    db.close();
  }

  return { exitCode, output };
}
