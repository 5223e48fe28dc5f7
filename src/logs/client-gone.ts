// Notices that the client of a long-running command went away, so `logs` stops following. Over
// SSH without a terminal, sshd gives no signal: when the client leaves, sshd exits and its child
// is re-parented (seen with OpenSSH 9.2 on Linux), and a write to stdout fails with EPIPE.
// With a terminal (ssh -t) the child gets SIGHUP. Ctrl-C and kill stop following too.
const STOP_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const;
const PARENT_CHECK_MS = 1000;

export interface ClientWatch {
  /** Aborted once the client is gone. */
  signal: AbortSignal;
  /** Removes the signal handlers and the timer. */
  dispose: () => void;
}

// Watches the process's parent, `output` and the stop signals, and aborts `signal` on the first.
export function watchClient(output: NodeJS.WritableStream): ClientWatch {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) abort();
  }, PARENT_CHECK_MS);
  timer.unref();
  for (const name of STOP_SIGNALS) process.on(name, abort);
  output.on('error', abort);

  return {
    signal: controller.signal,
    dispose: () => {
      clearInterval(timer);
      for (const name of STOP_SIGNALS) process.off(name, abort);
      output.off('error', abort);
    },
  };
}
