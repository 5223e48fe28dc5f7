// Writes a file so that no reader ever sees it half-written: the text goes to a temporary file in
// the same directory, which is then renamed over the target.
import { renameSync, writeFileSync } from 'node:fs';

export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
