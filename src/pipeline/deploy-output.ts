// The pusher's view of a run of steps, and its durable copy: every line shown over SSH also goes
// to the recorder, so `deploy:log` prints what the pusher saw.
import type { StepRecorder } from './recorder.js';

export const STEP_PREFIX = '-----> ';
export const DETAIL_PREFIX = '       ';
export const FAILURE_PREFIX = ' !     ';

export class DeployOutput {
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly recorder: StepRecorder,
  ) {}

  header(title: string): void {
    this.write(`${STEP_PREFIX}${title}`);
  }

  detail(text: string): void {
    for (const line of splitLines(text)) this.write(`${DETAIL_PREFIX}${line}`);
  }

  failure(text: string): void {
    for (const line of splitLines(text)) this.write(`${FAILURE_PREFIX}${line}`);
  }

  private write(line: string): void {
    this.stream.write(`${line}\n`);
    this.recorder.recordLine(line);
  }
}

function splitLines(text: string): string[] {
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}
