// serve [--listen ADDRESS:PORT] [--secure-cookies]: run the HTTP server for git push over HTTP and
// the dashboard until SIGTERM or SIGINT. Port 0 picks a free port, and the first output line shows which.
import type { AddressInfo } from 'node:net';
import { PIKU_ERR_SERVE_LISTEN_INVALID } from '../../errors/codes.js';
import { createWebServer } from '../../web/server.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export const DEFAULT_LISTEN = '127.0.0.1:5080';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { options } = parseArgs('serve', words, (command) =>
    command
      .option('--listen <address>', 'address and port to listen on, e.g. 127.0.0.1:5080', DEFAULT_LISTEN)
      .option('--secure-cookies', 'mark cookies Secure even without X-Forwarded-Proto: https'),
  );
  const { host, port } = parseListenAddress(options.listen as string);
  const logger = context.getLogger().child({ component: 'serve' });
  const server = createWebServer({ layout: context.layout, logger, isSecure: options.secureCookies === true });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  context.stdout.write(`-----> Serving git over HTTP and the dashboard on http://${shown}:${address.port}\n`);
  logger.info({ host: address.address, port: address.port }, 'serve started');

  await waitForStopSignal();
  logger.info({}, 'serve stopping');
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));

  return 0;
}

// e.g. "127.0.0.1:5080" -> { host: "127.0.0.1", port: 5080 }; "[::1]:0" -> { host: "::1", port: 0 }.
export function parseListenAddress(text: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+|localhost)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw PIKU_ERR_SERVE_LISTEN_INVALID(text);

  return { host: match[1] ?? match[2]!, port };
}

function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}
