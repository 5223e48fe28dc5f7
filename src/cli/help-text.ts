// The command list printed by `help` and after a usage error.
import { COMMANDS } from './registry.js';

export function formatCommandList(): string {
  const rows = COMMANDS.map((command) => [`${command.name} ${command.usage}`.trim(), command.summary] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = rows.map(([left, summary]) => `  ${left.padEnd(width)}  ${summary}`);

  return `Commands:\n${lines.join('\n')}\n`;
}
