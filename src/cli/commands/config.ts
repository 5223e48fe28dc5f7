// config APP: show the app's config, the repo's ENV merged with envs/<app>/ENV, one line per key
// marked with the layer it comes from.
import { formatConfigListing, getEffectiveConfig } from '../../config/effective-config.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('config', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const listing = formatConfigListing(getEffectiveConfig(context.layout, app));

  context.stdout.write(listing === '' ? `App "${app}" has no config: set a value with "config:set ${app} KEY=VALUE".\n` : listing);

  return 0;
}
