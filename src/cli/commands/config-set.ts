// config:set APP KEY=VALUE... [--no-restart]: write values to envs/<app>/ENV and restart the workers.
import { parseConfigPairs } from '../../config/config-pairs.js';
import { setAppConfig } from '../../config/config-change.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args, options } = parseArgs('config:set', words, (command) =>
    command
      .argument('<app>')
      .argument('<pairs...>')
      .option('--no-restart', 'write the file without restarting the workers')
      // A word such as "-x" is then a pair without "=", rejected by position without echoing it.
      .allowUnknownOption(),
  );
  const { app } = getExistingApp(context.layout, args[0]!);
  const values = parseConfigPairs(args.slice(1).flat());

  await setAppConfig({ app, layout: context.layout, identity: context.identity, logger: context.getLogger(), stream: context.getProgressStream(), restart: options.restart as boolean }, values);

  return 0;
}
