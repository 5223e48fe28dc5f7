// config:unset APP KEY... [--no-restart]: remove keys from envs/<app>/ENV and restart the workers.
import { unsetAppConfig } from '../../config/config-change.js';
import { validateConfigKey } from '../../config/config-pairs.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args, options } = parseArgs('config:unset', words, (command) =>
    command.argument('<app>').argument('<keys...>').option('--no-restart', 'write the file without restarting the workers'),
  );
  const { app } = getExistingApp(context.layout, args[0]!);
  const keys = new Set(args.slice(1).flat().map(validateConfigKey));

  await unsetAppConfig({ app, layout: context.layout, identity: context.identity, logger: context.getLogger(), stream: context.getProgressStream(), restart: options.restart as boolean }, keys);

  return 0;
}
