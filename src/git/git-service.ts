// Runs git's own side of a push or a fetch (git-receive-pack, git-upload-pack) on the app's bare
// repo, wired to the SSH session's stdin and stdout. node:child_process starts it directly: this is
// on the path of every push, and loading execa would add about 70 ms to each.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export type GitService = 'git-receive-pack' | 'git-upload-pack';

// Returns the program's exit status, or 128 + N when signal N ended it.
export function runGitService(service: GitService, repo: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(service, [repo], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
  });
}
