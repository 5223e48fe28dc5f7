// The logs of a sandbox, gathered for a failed test: sshd, nginx, the emperor, and every file
// under $PIKU_ROOT/logs (platform and worker logs).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const LINES_PER_FILE = 60;

// Returns the last lines of each log file of the sandbox in `dir`, each under a header with its path.
export async function readSandboxLogs(dir: string): Promise<string> {
  const files = [
    path.join(dir, 'ssh', 'sshd.log'),
    path.join(dir, 'nginx', 'error.log'),
    path.join(dir, 'uwsgi.log'),
    ...(await listFiles(path.join(dir, 'root', 'logs'))),
  ];
  const sections = await Promise.all(files.map((file) => readTail(file)));

  return sections.join('');
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);

  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function readTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return '';

  const lines = text.trimEnd().split('\n').slice(-LINES_PER_FILE);

  return `\n===== ${file} (last ${lines.length} lines)\n${lines.join('\n')}\n`;
}
