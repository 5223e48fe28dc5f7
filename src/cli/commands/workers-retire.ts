// workers:retire APP SLOT [DEPLOY_ID]: internal, started detached by a deploy. Stops the old slot's
// HTTP workers after the drain period and rolls back when the new workers crash-loop.
import { Argument } from 'commander';
import { getSettings } from '../../home/settings.js';
import { retireSlot } from '../../pipeline/retire-slot.js';
import { openDatabase } from '../../store/db.js';
import type { Slot } from '../../store/slots.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { parseCount } from './deploys.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('workers:retire', words, (command) =>
    command
      .argument('<app>')
      .addArgument(new Argument('<slot>').choices(['blue', 'green']))
      .argument('[deploy-id]', 'deploy id', parseCount),
  );
  const { app } = getExistingApp(context.layout, args[0] as string);
  const slot = args[1] as Slot;

  // A later deploy stops this process with SIGTERM when it needs the slot; leave without a trace.
  process.once('SIGTERM', () => process.exit(0));
  const db = openDatabase(context.layout);
  try {
    await retireSlot({
      app,
      slot,
      deployId: args[2] as number | undefined,
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      logger: context.getLogger(),
    });
  } finally {
    db.close();
  }

  return 0;
}
