// access:grant APP NAME LEVEL: set a user's level on an app (read, deploy or manage).
import { grantAccess } from '../../access/grants.js';
import { openDatabase } from '../../store/db.js';
import { getAppName } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('access:grant', words, (command) => command.argument('<app>').argument('<name>').argument('<level>', 'read, deploy or manage'));
  const app = getAppName(args[0]!);
  const db = openDatabase(context.layout);
  try {
    const level = grantAccess(db, app, args[1]!, args[2]!);
    context.stdout.write(`-----> User ${args[1]} has ${level} on ${app}\n`);
  } finally {
    db.close();
  }

  return 0;
}
