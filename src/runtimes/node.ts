// Node apps with package.json: `npm ci` when a lockfile exists, else `npm install`, inside the
// release directory; NODE_PACKAGE_MANAGER=yarn or pnpm uses that tool instead.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_DEPLOY_PACKAGE_MANAGER_INVALID } from '../errors/codes.js';
import { runStepCommand } from '../pipeline/run-command.js';
import type { Runtime } from './runtime.js';

const PACKAGE_MANAGERS = ['npm', 'yarn', 'pnpm'];

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

    const args = manager === 'npm' ? getNpmArgs(context.releaseDir) : ['install'];
    await runStepCommand(context, { label: `${manager} ${args[0]}`, file: manager, args, cwd: context.releaseDir, env });
  },
};

function getNpmArgs(releaseDir: string): string[] {
  const hasLockfile = ['package-lock.json', 'npm-shrinkwrap.json'].some((file) => existsSync(path.join(releaseDir, file)));

  return hasLockfile ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
}
