// config:get APP KEY: print one value of the app's config, as its workers get it.
import { validateConfigKey } from '../../config/config-pairs.js';
import { getConfigValue, getEffectiveConfig } from '../../config/effective-config.js';
import { PIKU_ERR_CONFIG_KEY_NOT_SET } from '../../errors/codes.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('config:get', words, (command) => command.argument('<app>').argument('<key>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const key = validateConfigKey(args[1]!);
  const value = getConfigValue(getEffectiveConfig(context.layout, app), key);
  if (value === undefined) throw PIKU_ERR_CONFIG_KEY_NOT_SET(key, app);

  context.stdout.write(`${value}\n`);

  return 0;
}
