// An HTTP server that uwsgi supervises as a `web` worker: it listens on $PORT, which the platform
// assigns, and nginx proxies requests for NGINX_SERVER_NAME to it.
const http = require('node:http');
const escapeHtml = require('escape-html');

const port = Number(process.env.PORT || 5000);
const host = process.env.BIND_ADDRESS || '127.0.0.1';
const greeting = process.env.GREETING || 'no GREETING set';

const server = http.createServer((request, response) => {
  const body = `<p>node-web: ${escapeHtml(greeting)}</p>\n`;
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
});

server.listen(port, host, () => console.log(`node-web listening on ${host}:${port}`));
