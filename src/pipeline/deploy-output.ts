// The pusher's view of a deploy, and its durable copy: every line shown over SSH is also stored in
// piku.db under the running step, so `deploy:log` prints what the pusher saw.
import type { Db } from '../store/db.js';
import { insertOutputLine } from '../store/deploys.js';

export const STEP_PREFIX = '-----> ';
export const DETAIL_PREFIX = '       ';
export const FAILURE_PREFIX = ' !     ';

export class DeployOutput {
  private stepId: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly deployId: number,
    private readonly stream: NodeJS.WritableStream,
  ) {}

  setStep(stepId: number | null): void {
    this.stepId = stepId;
  }

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
    insertOutputLine(this.db, this.deployId, this.stepId, line);
  }
}

function splitLines(text: string): string[] {
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}
