// Runs a state-changing app operation (deploy, rollback, restart, scale) with what every one of
// them needs from the CLI: the caller, the layout and settings, an open store, the logger and the
// caller's output stream. The store is closed whatever happens.
import type { Logger } from 'pino';
import type { Layout } from '../home/layout.js';
import { getSettings, type Settings } from '../home/settings.js';
import { openDatabase, type Db } from '../store/db.js';
import type { CommandContext, Identity } from './command.js';

export interface OperationBase {
  identity: Identity;
  layout: Layout;
  settings: Settings;
  db: Db;
  logger: Logger;
  stream: NodeJS.WritableStream;
}

export async function runAppOperation<T>(context: CommandContext, operation: (base: OperationBase) => Promise<T>): Promise<T> {
  const db = openDatabase(context.layout);
  try {
    return await operation({
      identity: context.identity,
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      logger: context.getLogger(),
      stream: context.stdout,
    });
  } finally {
    db.close();
  }
}
