// Sends one HTTP-like request to a wsgi worker over its unix socket with the uwsgi protocol, so a
// health check reaches the new workers before nginx does. A uwsgi packet is a 4-byte header
// (modifier1 = 0 for WSGI, the body size as little-endian uint16, modifier2 = 0) followed by the
// CGI variables, each key and value prefixed with its little-endian uint16 length. The worker
// sends a plain HTTP response back on the same connection.
import { connect } from 'node:net';

export interface UwsgiRequest {
  socket: string;
  path: string;
  host: string;
  timeoutMs: number;
}

export interface UwsgiResponse {
  status: number;
  body: string;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

export function sendUwsgiRequest({ socket, path, host, timeoutMs }: UwsgiRequest): Promise<UwsgiResponse> {
  const [pathInfo = '/', query = ''] = path.split('?', 2);
  const packet = encodePacket({
    REQUEST_METHOD: 'GET',
    REQUEST_URI: path,
    PATH_INFO: pathInfo,
    QUERY_STRING: query,
    SERVER_PROTOCOL: 'HTTP/1.0',
    SERVER_NAME: host,
    SERVER_PORT: '80',
    HTTP_HOST: host,
    REMOTE_ADDR: '127.0.0.1',
    REQUEST_SCHEME: 'http',
    HTTP_USER_AGENT: 'piku-health-check',
  });

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const connection = connect(socket, () => connection.end(packet));
    connection.setTimeout(timeoutMs, () => connection.destroy(new Error(`no response within ${timeoutMs} ms`)));
    connection.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
    });
    connection.on('error', reject);
    connection.on('close', (hadError) => {
      if (hadError) return;
      try {
        resolve(parseResponse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}

export function encodePacket(variables: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(variables)) parts.push(encodeString(key), encodeString(value));
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(4);
  header.writeUInt8(0, 0);
  header.writeUInt16LE(body.length, 1);
  header.writeUInt8(0, 3);

  return Buffer.concat([header, body]);
}

function encodeString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16LE(bytes.length, 0);

  return Buffer.concat([length, bytes]);
}

// "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody" -> { status: 200, body: "body" }
function parseResponse(text: string): UwsgiResponse {
  const match = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(text);
  if (match === null) throw new Error(`the worker sent no HTTP status line: "${text.slice(0, 60)}"`);

  const separator = text.indexOf('\r\n\r\n');

  return { status: Number(match[1]), body: separator === -1 ? '' : text.slice(separator + 4) };
}
