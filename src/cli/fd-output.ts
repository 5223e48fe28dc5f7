// The stdout and stderr a command writes to. Node's process.stdout over a pipe, which is what sshd
// gives a forced command, loads node:net and node:stream before the first byte (about 4 ms of a
// 45 ms command). This class writes with fs.writeSync instead. It hands over to the real stream
// when something needs more than write(): a full non-blocking pipe (EAGAIN), a failed write
// such as EBADF, a listener for 'error' or 'drain', or getStream(). The real stream then reports
// the failure as it did before. Once the reader is gone (EPIPE), output is dropped.
import { EventEmitter } from 'node:events';
import { writeSync } from 'node:fs';

type WriteCallback = (error?: Error | null) => void;

// Events of the real stream that a listener on this object receives.
const FORWARDED_EVENTS: ReadonlyArray<string | symbol> = ['error', 'drain'];

export class FdOutput extends EventEmitter implements NodeJS.WritableStream {
  writable = true;
  private real: NodeJS.WritableStream | undefined;
  private readonly forwarded = new Set<string | symbol>();
  private isReaderGone = false;

  constructor(
    private readonly fd: number,
    private readonly getRealStream: () => NodeJS.WritableStream,
  ) {
    super();
    // A listener for one of these events needs the real stream, which emits them. The forwarder is
    // added only then, so a real stream whose own listener handles an error does not throw here.
    this.on('newListener', (event: string | symbol) => {
      if (!FORWARDED_EVENTS.includes(event) || this.forwarded.has(event)) return;

      this.forwarded.add(event);
      this.getStream().on(event, (...args: unknown[]) => this.emit(event, ...args));
    });
  }

  write(chunk: Uint8Array | string, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : 'utf8';
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    if (this.real !== undefined) return this.real.write(bytes, done);

    const written = this.isReaderGone ? 0 : this.writeDirect(bytes);
    // Once the reader is gone (EPIPE), this write and every later one are dropped.
    if (written === bytes.length || this.isReaderGone) {
      if (done !== undefined) process.nextTick(done);

      return true;
    }

    return this.getStream().write(bytes.subarray(written), done);
  }

  end(chunkOrCallback?: Uint8Array | string | (() => void), encodingOrCallback?: BufferEncoding | (() => void), callback?: () => void): this {
    if (typeof chunkOrCallback === 'string' || chunkOrCallback instanceof Uint8Array) {
      this.write(chunkOrCallback, typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined);
    }
    const done = [chunkOrCallback, encodingOrCallback, callback].find((value) => typeof value === 'function');
    if (done !== undefined) process.nextTick(done);

    return this;
  }

  // Returns how many bytes reached the descriptor before the first failed write. After EPIPE the
  // rest is dropped, as `piku-server deploys APP | head -1` expects, instead of ending in a stack
  // trace from the real stream.
  private writeDirect(bytes: Uint8Array): number {
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      // Any other failure goes to the real stream with the rest, which reports or queues it.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') this.isReaderGone = true;
    }

    return written;
  }

  // Returns the real stream, which every later write goes through, so the output stays in order.
  getStream(): NodeJS.WritableStream {
    if (this.real !== undefined) return this.real;

    this.real = this.getRealStream();

    return this.real;
  }
}
