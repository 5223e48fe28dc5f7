// Formats rows as left-aligned columns separated by two spaces, for command output.
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const lines = all.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());

  return `${lines.join('\n')}\n`;
}
