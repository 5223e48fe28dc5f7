// Short platform commands on the path of every deploy (nginx -t, nginx -s reload, git archive into
// tar, openssl for a self-signed certificate) run through node:child_process. Importing execa costs
// a process about 70 ms, more than these commands take. Commands with streamed output and timeouts
// (release, installs) still use execa.
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
  // tar may exit before git has written the archive's last padding, and a failed tar stops early.
  // Either way git's remaining output is read and dropped, so git never blocks on a full pipe. After
  // a failed tar, git is stopped as well.
  const drainArchive = () => {
    archive.stdout!.unpipe();
    archive.stdout!.resume();
  };
  tar.stdin!.on('error', drainArchive);
  tar.on('close', (code) => {
    drainArchive();
    if (code !== 0 && archive.exitCode === null && archive.signalCode === null) archive.kill();
  });
  archive.stdout!.pipe(tar.stdin!);

  const [git, extract] = await Promise.all([waitForExit(archive, 'git'), waitForExit(tar, 'tar')]);
  // git's own failure is reported first, because tar then fails too, only for lack of input. A git
  // ended by a signal was stopped after tar failed, so tar's message is the cause.
  if (git.exitCode !== 0 && git.signal === undefined) throw getFailure(git, stderr.git);
  if (extract.exitCode !== 0) throw getFailure(extract, stderr.tar);
  if (git.exitCode !== 0) throw getFailure(git, stderr.git);
}

function getFailure(exit: Exit, stderr: Buffer[]): Error {
  const text = Buffer.concat(stderr).toString('utf8').trim();

  return new Error(exit.spawnError ?? (text || `${exit.file} exited with status ${exit.exitCode}`));
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
  /** The signal that ended the program, e.g. "SIGTERM". */
  signal?: NodeJS.Signals;
}

function waitForExit(child: ChildProcess, file: string): Promise<Exit> {
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ file, exitCode: 127, spawnError: `${file}: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (signal === null) resolve({ file, exitCode: code ?? 1 });
      else resolve({ file, exitCode: 128 + constants.signals[signal], signal });
    });
  });
}
