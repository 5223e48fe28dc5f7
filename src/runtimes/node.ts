// Node apps with package.json: `npm ci` when a lockfile exists, else `npm install`, inside the
// release directory; NODE_PACKAGE_MANAGER=yarn or pnpm uses that tool instead. When package.json,
// the lockfiles and the node version match an earlier release, its node_modules is copied as hard
// links instead: no install runs, and the running release's files are never written, because a
// later install removes and recreates files rather than changing them in place.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_DEPLOY_MANIFEST_INVALID, PIKU_ERR_DEPLOY_PACKAGE_MANAGER_INVALID } from '../errors/codes.js';
import { runStepCommand } from '../pipeline/run-command.js';
import { createSha256 } from '../process/sha256.js';
import type { DeployContext } from '../pipeline/types.js';
import type { Runtime } from './runtime.js';

const PACKAGE_MANAGERS = ['npm', 'yarn', 'pnpm'];
const MANIFESTS = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];
// Written last into node_modules, so an interrupted install is never reused.
const HASH_MARKER = '.piku-dependencies';

export const nodeRuntime: Runtime = {
  name: 'node',
  description: 'Node.js (package.json)',
  getEnvironment: ({ app, layout, releaseDir }) => ({
    env: { NODE_PATH: path.join(layout.apps, app, 'node_modules') },
    binDirs: [path.join(releaseDir, 'node_modules', '.bin')],
  }),
  install: async (context) => {
    const env = context.env!;
    const manager = env.NODE_PACKAGE_MANAGER || 'npm';
    if (!PACKAGE_MANAGERS.includes(manager)) throw PIKU_ERR_DEPLOY_PACKAGE_MANAGER_INVALID(manager);

    const hash = getDependencyHash(context.releaseDir, manager);
    const reusable = hasInstallScripts(context.releaseDir) ? undefined : findReleaseWithDependencies(context, hash);
    if (reusable !== undefined) {
      const { execa } = await import('execa');
      await execa('cp', ['-al', path.join(reusable, 'node_modules'), path.join(context.releaseDir, 'node_modules')]);
      context.output.detail(`Dependencies unchanged: reusing node_modules of release ${path.basename(reusable)}`);

      return;
    }

    const args = manager === 'npm' ? getNpmArgs(context.releaseDir) : ['install'];
    await runStepCommand(context, { label: `${manager} ${args[0]}`, file: manager, args, cwd: context.releaseDir, env });
    const modules = path.join(context.releaseDir, 'node_modules');
    if (existsSync(modules)) writeFileSync(path.join(modules, HASH_MARKER), `${hash}\n`);
  },
};

function getNpmArgs(releaseDir: string): string[] {
  const hasLockfile = ['package-lock.json', 'npm-shrinkwrap.json'].some((file) => existsSync(path.join(releaseDir, file)));

  return hasLockfile ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
}

// Install scripts of the app itself (e.g. "postinstall": "tsc") build files outside node_modules,
// so an app that has them is always installed for real.
function hasInstallScripts(releaseDir: string): boolean {
  let manifest: { scripts?: Record<string, unknown> };
  try {
    manifest = JSON.parse(readFileSync(path.join(releaseDir, 'package.json'), 'utf8')) as typeof manifest;
  } catch (error) {
    throw PIKU_ERR_DEPLOY_MANIFEST_INVALID.with({ cause: error }, 'package.json', (error as Error).message);
  }

  return ['preinstall', 'install', 'postinstall', 'prepare'].some((name) => manifest.scripts?.[name] !== undefined);
}

// Covers every input of the install: manifests, lockfiles, the package manager and node's version
// (native modules are built for one node ABI).
function getDependencyHash(releaseDir: string, manager: string): string {
  const hash = createSha256().update(`${manager}\0${process.version}\0`);
  for (const file of MANIFESTS) {
    const full = path.join(releaseDir, file);
    hash.update(`${file}\0`).update(existsSync(full) ? readFileSync(full) : '-').update('\0');
  }

  return hash.digest('hex');
}

// The newest other release whose completed node_modules was built from the same inputs.
function findReleaseWithDependencies(context: DeployContext, hash: string): string | undefined {
  const releases = readdirSync(context.paths.releases)
    .filter((name) => /^\d+$/.test(name) && Number(name) !== context.releaseNumber)
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => path.join(context.paths.releases, name));

  return releases.find((release) => {
    const marker = path.join(release, 'node_modules', HASH_MARKER);

    return existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash;
  });
}
