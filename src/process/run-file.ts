// Short platform commands on the path of every deploy (nginx -t, nginx -s reload, git archive into
// tar, openssl for a self-signed certificate) run through node:child_process. Importing execa costs a process about 70 ms, more than these
// commands take; commands with streamed output and timeouts (release, installs) still use execa.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

export interface FileResult {
  /** The exit status, 128 + N when signal N ended the program, or 127 when it could not start. */
  exitCode: number;
  /** stdout and stderr interleaved as they arrived, trimmed. */
  output: string;
}

// Runs `file` with `args`, stdin closed, and collects its output. Never rejects.
export function runFile(file: string, args: string[], options: { cwd?: string } = {}): Promise<FileResult> {
  const child = spawn(file, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));

  return waitForExit(child, file).then((exit) => ({
    exitCode: exit.exitCode,
    output: (exit.spawnError ?? Buffer.concat(chunks).toString('utf8')).trim(),
  }));
}

// Streams `git archive` of `commit` into `tar -x` in `directory`. Rejects with the programs' stderr
// when either fails; the archive never sits in memory.
export async function extractCommit(repo: string, commit: string, directory: string): Promise<void> {
  const archive = spawn('git', ['archive', '--format=tar', commit], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const tar = spawn('tar', ['-x', '-C', directory], { stdio: ['pipe', 'ignore', 'pipe'] });
  const stderr = { git: collect(archive), tar: collect(tar) };
  // tar stopping early closes the pipe; its own exit status tells why.
  tar.stdin!.on('error', () => {});
  archive.stdout!.pipe(tar.stdin!);

  // git's failure comes first: tar then fails too, only because its input was empty.
  const exits = await Promise.all([waitForExit(archive, 'git'), waitForExit(tar, 'tar')]);
  const failed = exits.find((exit) => exit.exitCode !== 0);
  if (failed === undefined) return;

  const text = Buffer.concat(stderr[failed.file as 'git' | 'tar']).toString('utf8').trim();
  throw new Error(failed.spawnError ?? (text || `${failed.file} exited with status ${failed.exitCode}`));
}

function collect(child: ChildProcess): Buffer[] {
  const chunks: Buffer[] = [];
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));

  return chunks;
}

interface Exit {
  file: string;
  exitCode: number;
  /** Set when the program could not start, e.g. "spawn nginx ENOENT". */
  spawnError?: string;
}

function waitForExit(child: ChildProcess, file: string): Promise<Exit> {
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ file, exitCode: 127, spawnError: `${file}: ${error.message}` }));
    child.on('close', (code, signal) => resolve({ file, exitCode: code ?? 128 + (signal === null ? 0 : constants.signals[signal]) }));
  });
}
