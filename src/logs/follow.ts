// Follows one log file across rotations. At log-maxsize, uwsgi renames a worker log to .log.old and
// opens a new file at the same path. The follower then reads the old file to its end, opens the new
// file (a different inode) and reads it from its start.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { splitCompleteLines } from './tail.js';

const NEWLINE = 0x0a;
const READ_SIZE = 65536;
// A line longer than this is printed in parts, so output without line breaks cannot fill memory.
const MAX_LINE_BYTES = 65536;
// One call reads at most this much, so a fast writer cannot keep the other files waiting.
const MAX_READ_BYTES = 1048576;

export class LogFollower {
  private handle: FileHandle | undefined;
  private inode = -1;
  private position = 0;
  private partial: Buffer = Buffer.alloc(0);

  constructor(readonly file: string) {}

  // Opens the file; following starts at its current end, `size`. Undefined when the file is missing:
  // it is then read from its start once it appears.
  async start(): Promise<{ handle: FileHandle; size: number } | undefined> {
    const opened = await this.openCurrent();
    if (opened !== undefined) this.position = opened.size;

    return opened;
  }

  // Returns the complete lines written since the last call.
  async readNewLines(): Promise<Buffer[]> {
    // The path is checked before the open file is read, so lines written to the old file up to
    // the moment of the rotation are read before the switch.
    const current = await stat(this.file).catch(() => undefined);
    if (current !== undefined && current.ino === this.inode && current.size < this.position) this.restartFromTop();
    const lines = await this.readToEnd();
    if (current === undefined || current.ino === this.inode) return lines;

    // The start of a line cut by the rotation is printed alone: its end went to the new file.
    if (this.partial.length > 0) lines.push(this.partial);
    await this.close();
    if ((await this.openCurrent()) === undefined) return lines;

    return [...lines, ...(await this.readToEnd())];
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    this.partial = Buffer.alloc(0);
  }

  private async openCurrent(): Promise<{ handle: FileHandle; size: number } | undefined> {
    const handle = await open(this.file, 'r').catch(() => undefined);
    if (handle === undefined) return undefined;

    const { ino, size } = await handle.stat();
    this.handle = handle;
    this.inode = ino;
    this.restartFromTop();

    return { handle, size };
  }

  // A truncated file (e.g. `: > web.1.log`) is read again from its start.
  private restartFromTop(): void {
    this.position = 0;
    this.partial = Buffer.alloc(0);
  }

  private async readToEnd(): Promise<Buffer[]> {
    if (this.handle === undefined) return [];

    const chunks: Buffer[] = [this.partial];
    for (let total = 0; total < MAX_READ_BYTES; ) {
      const buffer = Buffer.alloc(READ_SIZE);
      const { bytesRead } = await this.handle.read(buffer, 0, READ_SIZE, this.position);
      if (bytesRead === 0) break;

      chunks.push(buffer.subarray(0, bytesRead));
      this.position += bytesRead;
      total += bytesRead;
    }

    const data = Buffer.concat(chunks);
    const lines = splitCompleteLines(data);
    this.partial = Buffer.from(data.subarray(data.lastIndexOf(NEWLINE) + 1));
    if (this.partial.length > MAX_LINE_BYTES) {
      lines.push(this.partial);
      this.partial = Buffer.alloc(0);
    }

    return lines;
  }
}
