// docker-compose.yml and the Dockerfile, checked as files because no Docker engine runs in the tests.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';

const REPO_DIR = path.resolve(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(path.join(REPO_DIR, 'docker-compose.yml'), 'utf8')) as ComposeFile;
const dockerfile = readFileSync(path.join(REPO_DIR, 'Dockerfile'), 'utf8');
const entrypoint = readFileSync(path.join(REPO_DIR, 'docker', 'entrypoint.sh'), 'utf8');
const cliWrapper = readFileSync(path.join(REPO_DIR, 'docker', 'piku'), 'utf8');

interface ComposeFile {
  services: Record<string, { build?: { context?: string; dockerfile?: string }; ports?: string[]; volumes?: string[] }>;
  volumes?: Record<string, unknown>;
}

test('docker-compose: one service from Dockerfile', () => {
  assert.deepEqual(Object.keys(compose.services), ['piku']);
  assert.deepEqual(compose.services.piku?.build, { context: '.', dockerfile: 'Dockerfile' });
});

test('docker-compose: SSH, HTTP and HTTPS ports', () => {
  assert.deepEqual(compose.services.piku?.ports, ['2222:22', '80:80', '443:443']);
});

test('docker-compose: piku root in named volume', () => {
  assert.ok(compose.services.piku?.volumes?.includes('piku-data:/home/piku/.piku'));
  assert.ok(compose.volumes);
  assert.ok('piku-data' in compose.volumes);
});

test('docker-compose: mounted volumes are declared', () => {
  const mounted = (compose.services.piku?.volumes ?? []).map((volume) => volume.split(':')[0]);

  assert.deepEqual(mounted, Object.keys(compose.volumes ?? {}));
});

test('docker-compose: Dockerfile base is Debian 12', () => {
  assert.match(dockerfile, /^FROM debian:bookworm-slim$/m);
});

test('docker-compose: Dockerfile installs the servers', () => {
  for (const name of ['nginx', 'uwsgi-core', 'uwsgi-plugin-python3', 'openssh-server', 'git', 'python3-venv']) {
    assert.match(dockerfile, new RegExp(`apt-get install[^\\n]*(\\\\\\n[^\\n]*)*\\s${name}\\s`), `missing package ${name}`);
  }
});

test('docker-compose: Dockerfile builds and installs CLI', () => {
  assert.match(dockerfile, /^RUN npm ci /m);
  assert.match(dockerfile, /^RUN npm run build /m);
  assert.match(dockerfile, /useradd [^\n]* piku /);
  assert.match(dockerfile, /^COPY docker\/piku \/usr\/local\/bin\/piku$/m);
  assert.match(cliWrapper, /^exec \/usr\/local\/bin\/node \/opt\/piku\/dist\/bundle\/piku-server\.cjs "\$@"$/m);
  assert.match(dockerfile, /^ENTRYPOINT \["\/usr\/local\/bin\/piku-entrypoint"\]$/m);
});

test('docker-compose: entrypoint runs setup then servers', () => {
  const order = ['as_piku piku setup\n', '/usr/sbin/sshd -D', "/usr/sbin/nginx -g 'daemon off;'", 'uwsgi --ini'];
  const positions = order.map((text) => entrypoint.indexOf(text));

  assert.ok(positions.every((position) => position >= 0), `missing one of ${JSON.stringify(order)}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions);
});

test('docker-compose: Dockerfile copies what the build reads', () => {
  const build = (JSON.parse(readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as { scripts: { build: string } }).scripts.build;
  const bundleScript = readFileSync(path.join(REPO_DIR, 'scripts', 'bundle.mjs'), 'utf8');
  const needed = new Set([...`${build}\n${bundleScript}`.matchAll(/\bscripts\/[\w.-]+\.(?:mjs|cjs)\b/g)].map((match) => match[0]));

  assert.deepEqual([...needed].sort(), ['scripts/bundle-loader.cjs', 'scripts/bundle.mjs']);
  const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1]!.split(' '));
  for (const file of needed) assert.ok(copied.includes(file), `${file} is not copied`);
});

test('docker-compose: copied files exist', () => {
  const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1]!.split(' '));

  assert.ok(sources.length >= 5);
  for (const source of sources) assert.ok(existsSync(path.join(REPO_DIR, source)), `missing ${source}`);
});
