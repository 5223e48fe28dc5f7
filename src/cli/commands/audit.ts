// audit [APP] [-n N]: list state-changing actions and denials, newest first. All of them need an
// admin; one app's need manage on it.
import { getCallerLevel } from '../../access/caller.js';
import { isLevelAtLeast } from '../../access/levels.js';
import { PIKU_ERR_ACCESS_ADMIN_REQUIRED, PIKU_ERR_ACCESS_DENIED } from '../../errors/codes.js';
import { listAuditEntries, type AuditRow } from '../../store/audit.js';
import { openDatabase, type Db } from '../../store/db.js';
import { getAppName } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { formatTable } from '../table.js';
import { parseCount } from './deploys.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args, options } = parseArgs('audit', words, (command) =>
    command.argument('[app]').option('-n, --limit <count>', 'how many entries to list', parseCount, 50),
  );
  const app = args[0] === undefined ? undefined : getAppName(args[0]);
  const db = openDatabase(context.layout);
  try {
    checkAuditAccess(context, db, app);
    const rows = listAuditEntries(db, app, options.limit as number).map(formatRow);
    context.stdout.write(formatTable(['TIME', 'USER', 'APP', 'ACTION', 'OUTCOME', 'STATUS', 'CREDENTIAL'], rows));
  } finally {
    db.close();
  }

  return 0;
}

function checkAuditAccess(context: CommandContext, db: Db, app: string | undefined): void {
  if (context.caller.isAdmin) return;
  if (app === undefined) throw PIKU_ERR_ACCESS_ADMIN_REQUIRED('audit', context.caller.name);

  if (!isLevelAtLeast(getCallerLevel(db, context.caller, app), 'manage')) throw PIKU_ERR_ACCESS_DENIED('manage', app, context.caller.name);
}

function formatRow(row: AuditRow): string[] {
  return [row.at, row.userName, row.app ?? '-', row.action, row.outcome, row.exitStatus === null ? '-' : String(row.exitStatus), row.credential];
}
