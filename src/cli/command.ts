// What every command module exports, and the context the entry point hands it.
import type { Logger } from 'pino';
import type { Caller } from '../access/caller.js';
import type { Layout } from '../home/layout.js';

export interface Identity {
  /** SHA256 fingerprint of the SSH key, or "local" for a command run on the server. */
  fingerprint: string;
  name: string;
}

export interface CommandContext {
  layout: Layout;
  identity: Identity;
  /** The user running the command, with their level on its app; set by the entry's access check. */
  caller: Caller;
  /** Created on first use, so commands that log nothing don't pay for pino. */
  getLogger: () => Logger;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CommandModule {
  /** Runs the command with the words after its name and returns the exit status. */
  run: (context: CommandContext, args: string[]) => Promise<number>;
}
