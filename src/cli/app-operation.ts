// Runs a state-changing app operation (deploy, rollback, restart, scale) with what every one of
// them needs from the CLI: the caller, the layout and settings, an open store, the logger and the
// caller's output stream. The store is closed whatever happens.
import { getSettings } from '../home/settings.js';
import type { OperationBase } from '../pipeline/types.js';
import { openDatabase } from '../store/db.js';
import type { CommandContext } from './command.js';

export async function runAppOperation<T>(context: CommandContext, operation: (base: OperationBase) => Promise<T>): Promise<T> {
  const db = openDatabase(context.layout);
  try {
    return await operation({
      identity: context.identity,
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      logger: context.getLogger(),
      stream: context.getProgressStream(),
    });
  } finally {
    db.close();
  }
}
