// Parses one command's words with commander and reports misuse as a PikuError, so every command
// shares the same usage-error shape and exit status 2.
import { Command, CommanderError, type Command as CommandClass } from 'commander';
import { PIKU_ERR_CLI_USAGE } from '../errors/codes.js';

export interface ParsedArgs {
  args: string[];
  options: Record<string, unknown>;
}

// `define` adds arguments and options to a fresh commander Command named after the command.
export function parseArgs(name: string, words: string[], define: (command: CommandClass) => void): ParsedArgs {
  const command = new Command(name)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .helpOption(false)
    .allowExcessArguments(false);
  define(command);

  try {
    command.parse(words, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      throw PIKU_ERR_CLI_USAGE.with({ cause: error }, name, error.message.replace(/^error: /, '').replace(/\.$/, ''));
    }
    throw error;
  }

  return { args: command.processedArgs.filter((arg) => arg !== undefined), options: command.opts() };
}
