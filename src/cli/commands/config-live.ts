// config:live APP: print envs/<app>/LIVE_ENV, the resolved environment of the workers' last start.
import { existsSync, readFileSync } from 'node:fs';
import { PIKU_ERR_CONFIG_LIVE_ENV_MISSING } from '../../errors/codes.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('config:live', words, (command) => command.argument('<app>'));
  const { app, paths } = getExistingApp(context.layout, args[0]!);
  if (!existsSync(paths.liveEnvFile)) throw PIKU_ERR_CONFIG_LIVE_ENV_MISSING(app);

  context.stdout.write(readFileSync(paths.liveEnvFile, 'utf8'));

  return 0;
}
