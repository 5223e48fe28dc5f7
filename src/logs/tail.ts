// The last lines of a log file, read backwards in blocks so a large log costs only its end.
import type { FileHandle } from 'node:fs/promises';

const BLOCK_SIZE = 65536;
const NEWLINE = 0x0a;

// Returns up to `count` complete lines that end at byte `end` of the file, oldest first, without
// their line breaks. A last line with no line break yet is left out: following prints it once done.
export async function readLastLines(handle: FileHandle, end: number, count: number): Promise<Buffer[]> {
  if (count === 0 || end === 0) return [];

  const blocks: Buffer[] = [];
  let start = end;
  let newlines = 0;
  // count + 1 line breaks bound count whole lines; a file shorter than that is read whole.
  while (start > 0 && newlines <= count) {
    const size = Math.min(BLOCK_SIZE, start);
    start -= size;
    const block = Buffer.alloc(size);
    const { bytesRead } = await handle.read(block, 0, size, start);
    const data = block.subarray(0, bytesRead);
    blocks.unshift(data);
    newlines += countNewlines(data);
  }

  return splitCompleteLines(Buffer.concat(blocks)).slice(-count);
}

// Splits data at line breaks, without them; the text after the last break is unfinished and left out.
export function splitCompleteLines(data: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let lineStart = 0;
  for (let position = data.indexOf(NEWLINE); position !== -1; position = data.indexOf(NEWLINE, lineStart)) {
    lines.push(data.subarray(lineStart, position));
    lineStart = position + 1;
  }

  return lines;
}

function countNewlines(data: Buffer): number {
  let count = 0;
  for (let position = data.indexOf(NEWLINE); position !== -1; position = data.indexOf(NEWLINE, position + 1)) count++;

  return count;
}
