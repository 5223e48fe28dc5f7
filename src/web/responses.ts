// Small response helpers shared by the dashboard handlers. Every HTML response carries a strict
// Content-Security-Policy: pages load only the dashboard's own CSS and JavaScript files.
import type http from 'node:http';
import { renderPage, type PageLayout, type PageName } from './pages.js';

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function sendPage(response: http.ServerResponse, status: number, name: PageName, layout: PageLayout, context: object, headers: Record<string, string | string[]> = {}): void {
  send(response, status, 'text/html; charset=utf-8', renderPage(name, layout, context), headers);
}

// A page with a heading and a line of text, for errors and results.
export function sendMessage(response: http.ServerResponse, status: number, heading: string, text: string, layout: PageLayout = { title: heading }): void {
  sendPage(response, status, 'message', layout, { heading, text, isError: status >= 400 });
}

export function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

export function redirect(response: http.ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  response.writeHead(303, { ...SECURITY_HEADERS, ...headers, Location: location });
  response.end();
}

export function send(response: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string | string[]> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

// Reads an application/x-www-form-urlencoded body of at most `maxBytes`; undefined for any other
// type or a larger body.
export async function readForm(request: http.IncomingMessage, maxBytes = 8192): Promise<URLSearchParams | undefined> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }

  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
