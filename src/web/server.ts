// The HTTP server of `piku-server serve`: git push and clone over HTTP, the dashboard, and its
// two asset files. It is meant to listen on loopback behind nginx, which terminates TLS.
import http from 'node:http';
import type { Logger } from 'pino';
import { isPikuError } from '../errors/piku-error.js';
import type { Layout } from '../home/layout.js';
import { handleDashboard } from './dashboard.js';
import { GitHttpHandler, parseGitRequest } from './git-http.js';
import { readAsset } from './pages.js';
import { splitRequestPath } from './request-path.js';
import { send, sendMessage } from './responses.js';

export interface WebServerOptions {
  layout: Layout;
  logger: Logger;
  /** Mark cookies Secure on every response, for a TLS proxy that sets no X-Forwarded-Proto. */
  isSecure?: boolean;
}

const ASSETS: Record<string, { file: 'dashboard.css' | 'dashboard.js'; type: string }> = {
  'dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
  'dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
};

export function createWebServer({ layout, logger, isSecure = false }: WebServerOptions): http.Server {
  const git = new GitHttpHandler(layout, logger);
  const dashboard = { layout, logger, isSecure };

  return http.createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      logger.error({ err: error, method: request.method, path: request.url?.split('?')[0] }, 'request failed');
      if (!response.headersSent) sendMessage(response, 500, 'Internal error', 'The request failed: the details are in the platform log.');
      else response.destroy();
    });
  });

  async function handleRequest(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const segments = splitRequestPath(request.url);
    if (segments === undefined) return sendMessage(response, 400, 'Invalid path', 'The path contains dot segments, encoded slashes or control characters.');

    if (segments[0]?.endsWith('.git')) return await handleGit(request, response, segments);

    const asset = segments[0] === 'assets' && segments.length === 2 ? ASSETS[segments[1]!] : undefined;
    if (asset !== undefined && request.method === 'GET') return send(response, 200, asset.type, readAsset(asset.file), { 'Cache-Control': 'no-cache' });

    if (!(await handleDashboard(dashboard, { request, response, segments }))) sendMessage(response, 404, 'Page not found', 'No such page.');
  }

  async function handleGit(request: http.IncomingMessage, response: http.ServerResponse, segments: string[]): Promise<void> {
    try {
      const target = parseGitRequest(segments, request.url);
      if (target === undefined) return send(response, 404, 'text/plain', 'Not a git smart HTTP URL: use /APP.git.\n');

      await git.handle(request, response, target);
    } catch (error) {
      if (!isPikuError(error)) throw error;

      send(response, 400, 'text/plain', `${error.message}\n`);
    }
  }
}
