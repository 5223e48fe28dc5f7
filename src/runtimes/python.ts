// Python apps with requirements.txt: a venv built with the platform's python (the one uwsgi's
// python3 plugin embeds), then pip. The venv lives at envs/<app>/python-<hash>, where the hash
// covers the interpreter and requirements.txt, so a deploy with unchanged requirements reuses a
// complete venv and a changed one builds a new venv beside the one the running release uses.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runStepCommand } from '../pipeline/run-command.js';
import { createSha256 } from '../process/sha256.js';
import type { Runtime, RuntimeEnvironment, RuntimeInput } from './runtime.js';

// Written last, so a venv whose build was interrupted is never reused.
const COMPLETE_MARKER = '.piku-complete';

export const pythonRuntime: Runtime = {
  name: 'python',
  description: 'Python (requirements.txt)',
  getEnvironment,
  install: async (context, environment) => {
    const venv = environment.virtualenv!;
    if (existsSync(path.join(venv, COMPLETE_MARKER))) {
      context.output.detail(`Requirements unchanged: reusing ${path.basename(venv)}`);

      return;
    }

    rmSync(venv, { recursive: true, force: true });
    const env = context.env!;
    const python = context.settings.python;
    // Without pip the venv takes milliseconds instead of seconds; the platform python's own pip
    // installs into it with --python (pip 22.3 or later).
    await runStepCommand(context, {
      label: 'python -m venv',
      file: python,
      args: ['-m', 'venv', '--without-pip', venv],
      cwd: context.releaseDir,
      env,
    });

    const requirements = path.join(context.releaseDir, 'requirements.txt');
    if (hasRequirements(requirements)) {
      await runStepCommand(context, {
        label: 'pip install',
        file: python,
        args: ['-m', 'pip', '--python', path.join(venv, 'bin', 'python'), 'install', '--disable-pip-version-check', '--no-input', '-r', requirements],
        cwd: context.releaseDir,
        env,
      });
    } else {
      context.output.detail('requirements.txt lists no packages');
    }

    writeFileSync(path.join(venv, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  },
};

function getEnvironment({ app, layout, settings, releaseDir }: RuntimeInput): RuntimeEnvironment {
  const hash = createSha256()
    .update(settings.python)
    .update('\0')
    .update(readFileSync(path.join(releaseDir, 'requirements.txt')))
    .digest('hex')
    .slice(0, 16);
  const virtualenv = path.join(layout.envs, app, `python-${hash}`);

  return { env: { VIRTUAL_ENV: virtualenv, PYTHONUNBUFFERED: '1' }, binDirs: [path.join(virtualenv, 'bin')], virtualenv };
}

// True when the file has a line other than blanks and comments.
function hasRequirements(file: string): boolean {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}
