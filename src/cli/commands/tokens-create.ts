// tokens:create NAME [--app APP] [--expires DAYS]: create an API token for HTTP push and the
// dashboard. The token is printed once; only its hash is stored.
import { createToken } from '../../access/tokens.js';
import { getExistingUser } from '../../access/users.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { parseCount } from './deploys.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args, options } = parseArgs('tokens:create', words, (command) =>
    command
      .argument('<name>', 'the user the token acts as')
      .option('--app <app>', 'restrict the token to one app')
      .option('--expires <days>', 'days until the token expires', parseCount),
  );
  const db = openDatabase(context.layout);
  try {
    const user = getExistingUser(db, args[0]!);
    const created = createToken(db, context.caller, user, { app: options.app as string | undefined, expiresDays: options.expires as number | undefined });
    const scope = options.app === undefined ? 'every app the user may act on' : `app ${options.app as string} only`;
    context.stdout.write(`-----> Created token ${created.id} for ${user.name} (${scope}, ${created.expiresAt === null ? 'no expiry' : `expires ${created.expiresAt}`})\n`);
    context.stdout.write(`       Copy it now, it is not shown again:\n${created.token}\n`);
  } finally {
    db.close();
  }

  return 0;
}
