// users:add NAME [--admin]: add a user. Without --admin the user may act only on apps granted with access:grant.
import { addUser } from '../../access/users.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args, options } = parseArgs('users:add', words, (command) =>
    command.argument('<name>').option('--admin', 'the user may do everything, including managing users'),
  );
  const name = args[0]!;
  const isAdmin = options.admin === true;
  const db = openDatabase(context.layout);
  try {
    addUser(db, name, isAdmin);
  } finally {
    db.close();
  }

  context.stdout.write(`-----> Added ${isAdmin ? 'admin' : 'user'} ${name}\n`);
  if (!isAdmin) context.stdout.write(`       Give it apps with "access:grant APP ${name} read|deploy|manage"\n`);

  return 0;
}
