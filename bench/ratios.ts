// The goals table of `npm run bench`: for each path, Todoku's figure, the ceiling measured in the same
// run, and their ratio (time ratios: lower is better; rate ratios: higher is better).
export interface Ratio {
  what: string;
  value: number;
  unit: string;
  ceiling: number;
  /** What the ceiling is, in words. */
  ceilingIs: string;
  ratio: number;
  /** The goal, in words, as issue 15 sets it. */
  goal: string;
  peak_rss_mb?: number;
  [more: string]: number | string | boolean | undefined;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const figure = (n: number, unit: string) => (unit === 's' ? `${fmt(n, 1)} s` : `${fmt(n)} ${unit}`);

export function printRatios(ratios: Record<string, Ratio>): void {
  const rows = Object.entries(ratios).map(([key, r]) => [key, figure(r.value, r.unit), `${figure(r.ceiling, r.unit)} (${r.ceilingIs})`, fmt(r.ratio, 2), r.goal]);
  const head = ['path', 'Todoku', 'ceiling, same run', 'ratio', 'goal'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  console.log('\nRatios to the ceilings (issue 15)');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}
