// Runs pebble, the ACME test server, on loopback for end-to-end tests, with pebble-challtestsrv as
// its DNS server: every name resolves to 127.0.0.1, so pebble's HTTP-01 check reaches the sandbox's
// nginx on `httpPort` without any change to /etc/hosts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Pebble {
  directoryUrl: string;
  /** PEM file of the certificate pebble serves its own API with, for PIKU_ACME_CA_BUNDLE. */
  apiCaFile: string;
  /** Fetches the root and intermediate that sign the certificates pebble issues; both are new on each start. */
  getIssuerCertificates(): Promise<string>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

// Starts both servers with their files under `dir`; `httpPort` is where pebble sends HTTP-01 checks.
export async function startPebble(dir: string, httpPort: number): Promise<Pebble> {
  const [apiPort, managementPort, tlsPort, dnsPort, dnsManagementPort] = await getFreePorts(5);
  const apiCaFile = path.join(dir, 'pebble-api.crt');
  const apiKeyFile = path.join(dir, 'pebble-api.key');
  const opensslArgs = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  opensslArgs.push('-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', apiKeyFile, '-out', apiCaFile);
  execFileSync('openssl', opensslArgs, { stdio: 'ignore' });
  const configFile = path.join(dir, 'pebble.json');
  const pebbleConfig = {
    listenAddress: `127.0.0.1:${apiPort}`,
    managementListenAddress: `127.0.0.1:${managementPort}`,
    certificate: apiCaFile,
    privateKey: apiKeyFile,
    httpPort,
    // Nothing listens there: the tests use HTTP-01 only.
    tlsPort,
    ocspResponderURL: '',
    externalAccountBindingRequired: false,
  };
  writeFileSync(configFile, JSON.stringify({ pebble: pebbleConfig }));

  const dnsArgs = ['-dns01', `127.0.0.1:${dnsPort}`, '-http01', '', '-https01', '', '-tlsalpn01', '', '-management', `127.0.0.1:${dnsManagementPort}`];
  const dns = spawn('pebble-challtestsrv', [...dnsArgs, '-defaultIPv4', '127.0.0.1', '-defaultIPv6', ''], { stdio: 'ignore' });
  // NOSLEEP skips pebble's random validation delays; NONCEREJECT=0 stops it rejecting good nonces on purpose.
  const env = { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' };
  const pebble = spawn('pebble', ['-config', configFile, '-dnsserver', `127.0.0.1:${dnsPort}`], { env, stdio: 'ignore' });
  const stop = async () => Promise.all([stopProcess(pebble), stopProcess(dns)]).then(() => undefined);
  try {
    await waitForPort(apiPort!);
    await waitForPort(managementPort!);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    directoryUrl: `https://127.0.0.1:${apiPort}/dir`,
    apiCaFile,
    getIssuerCertificates: async () => {
      const ca = readFileSync(apiCaFile, 'utf8');
      const get = (urlPath: string) => getText(`https://127.0.0.1:${managementPort}${urlPath}`, ca);

      return `${await get('/roots/0')}${await get('/intermediates/0')}`;
    },
    stop,
  };
}

async function getFreePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer());
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));

  return ports;
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() !== undefined));
      socket.on('error', () => resolve(false));
    });
    if (isOpen) return;

    await sleep(100);
  }

  throw new Error(`pebble did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms`);
}

function getText(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url}: status ${response.statusCode}`))));
      })
      .on('error', reject);
  });
}

// Stops one child by its PID with SIGTERM and waits for its exit.
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
