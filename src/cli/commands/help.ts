// help: print the commands.
import type { CommandContext } from '../command.js';
import { formatCommandList } from '../help-text.js';

export async function run(context: CommandContext): Promise<number> {
  context.stdout.write(formatCommandList());

  return 0;
}
