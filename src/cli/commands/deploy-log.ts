// deploy:log APP [ID]: print one deploy's full log, the latest by default, step by step with each
// step's status and duration, exactly as the pusher saw it.
import { PIKU_ERR_DEPLOY_NOT_FOUND } from '../../errors/codes.js';
import { openDatabase } from '../../store/db.js';
import { getDeploy, listOutput, listSteps } from '../../store/deploys.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { parseCount } from './deploys.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('deploy:log', words, (command) => command.argument('<app>').argument('[id]', 'deploy id', parseCount));
  const { app } = getExistingApp(context.layout, args[0] as string);
  const id = args[1] as number | undefined;
  const db = openDatabase(context.layout);

  try {
    const deploy = getDeploy(db, app, id);
    if (deploy === undefined) throw PIKU_ERR_DEPLOY_NOT_FOUND(app, id === undefined ? 'latest' : String(id));

    const pusher = `${deploy.pusherName} (${deploy.pusherFingerprint})`;
    context.stdout.write(
      `Deploy ${deploy.id} of ${app}: ${deploy.status}, release ${deploy.releaseNumber}, commit ${deploy.commitSha}, ref ${deploy.ref}\n` +
        `Pushed by ${pusher}, started ${deploy.startedAt}, finished ${deploy.finishedAt ?? '-'}\n` +
        `Steps: ${listSteps(db, deploy.id)
          .map((step) => `${step.name} ${step.status}${step.durationMs === null ? '' : ` ${step.durationMs} ms`}`)
          .join(', ')}\n\n`,
    );
    for (const { line } of listOutput(db, deploy.id)) context.stdout.write(`${line}\n`);
  } finally {
    db.close();
  }

  return 0;
}
