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
  /** Output written synchronously, so a write waits for a client that reads slowly. */
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /**
   * Returns stdout as a Node stream for an operation that reports progress while it works. Its
   * output queues while the client reads slowly, so the work goes on. Later stdout writes use it too.
   */
  getProgressStream: () => NodeJS.WritableStream;
}

export interface CommandModule {
  /** Runs the command with the words after its name and returns the exit status. */
  run: (context: CommandContext, args: string[]) => Promise<number>;
}
