// config APP: show the app's config, the repo's ENV merged with envs/<app>/ENV, one line per key
// marked with the layer it comes from. A user below manage on the app gets the names without values.
import { isLevelAtLeast } from '../../access/levels.js';
import { formatConfigListing, getEffectiveConfig } from '../../config/effective-config.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('config', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const withValues = isLevelAtLeast(context.caller.level, 'manage');
  const listing = formatConfigListing(getEffectiveConfig(context.layout, app), { withValues });

  context.stdout.write(listing === '' ? `App "${app}" has no config: set a value with "config:set ${app} KEY=VALUE".\n` : listing);

  return 0;
}
