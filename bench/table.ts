/** One line of the bench table: a measurement beside its baseline. */
export interface Row {
  name: string;
  value: string;
  baseline: string;
  unit: string;
  notes: string;
}

/** A row for a measurement that could not run (the bench goes on with the others). */
export function failedRow(name: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return { name, value: 'error', baseline: '-', unit: '-', notes: message.split('\n')[0].slice(0, 160) };
}

/** Formats a number with a fixed count of decimals (and no exponent). */
export function fmt(value: number, decimals = 0): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '-';
}

/** A plain text table: `name | value | baseline | unit | notes`, columns padded to their widest cell. */
export function renderTable(rows: readonly Row[]): string {
  const header: Row = { name: 'name', value: 'value', baseline: 'baseline', unit: 'unit', notes: 'notes' };
  const keys = ['name', 'value', 'baseline', 'unit', 'notes'] as const;
  const all = [header, ...rows];
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row) => keys.map((k, i) => (k === 'value' || k === 'baseline' ? r[k].padStart(widths[i]) : r[k].padEnd(widths[i]))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
