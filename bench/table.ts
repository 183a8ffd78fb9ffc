/**
 * A goal of a row: on the ratio ours / baseline (`ratio`) or on our value itself (`value`, in the row's unit).
 * `max` and `min` are inclusive (≤, ≥), `below` is strict (<).
 */
export interface Goal {
  on: 'ratio' | 'value';
  op: 'max' | 'min' | 'below';
  target: number;
}

/** One line of the bench table: a measurement beside its baseline from the same run, their ratio and the goal. */
export interface Row {
  name: string;
  value: string;
  baseline: string;
  unit: string;
  notes: string;
  goal?: Goal;
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

const OP = { max: '≤', min: '≥', below: '<' } as const;

/** ours / baseline, or NaN when either is not a number. */
export function ratioOf(row: Pick<Row, 'value' | 'baseline'>): number {
  const value = Number(row.value);
  const baseline = Number(row.baseline);
  return row.value !== '' && row.baseline !== '' && Number.isFinite(value) && Number.isFinite(baseline) && baseline !== 0 ? value / baseline : NaN;
}

/** Whether the row meets its goal: true, false, or undefined (no goal, or nothing measured). */
export function goalMet(row: Row): boolean | undefined {
  if (!row.goal) return undefined;
  const actual = row.goal.on === 'ratio' ? ratioOf(row) : Number(row.value);
  if (row.value === '' || !Number.isFinite(actual)) return undefined;
  const { op, target } = row.goal;
  return op === 'max' ? actual <= target : op === 'min' ? actual >= target : actual < target;
}

function goalText(row: Row): string {
  if (!row.goal) return '-';
  const { on, op, target } = row.goal;
  return on === 'ratio' ? `${OP[op]} ${target}×` : `${OP[op]} ${target} ${row.unit}`;
}

function ratioText(row: Row): string {
  const ratio = ratioOf(row);
  return Number.isFinite(ratio) ? `${ratio.toFixed(ratio < 10 ? 2 : 0)}×` : '-';
}

type Column = 'name' | 'value' | 'baseline' | 'ratio' | 'goal' | 'met' | 'unit' | 'notes';
const COLUMNS: readonly Column[] = ['name', 'value', 'baseline', 'ratio', 'goal', 'met', 'unit', 'notes'];
const RIGHT: ReadonlySet<Column> = new Set(['value', 'baseline', 'ratio']);

function cells(row: Row): Record<Column, string> {
  const met = goalMet(row);
  return { ...row, ratio: ratioText(row), goal: goalText(row), met: met === undefined ? '-' : met ? 'yes' : 'NO' };
}

/** A plain text table: `name | value | baseline | ratio | goal | met | unit | notes`, columns padded to their widest cell. */
export function renderTable(rows: readonly Row[]): string {
  const header = Object.fromEntries(COLUMNS.map((c) => [c, c])) as Record<Column, string>;
  const all = [header, ...rows.map(cells)];
  const widths = COLUMNS.map((k) => Math.max(...all.map((r) => [...r[k]].length)));
  const pad = (text: string, width: number, right: boolean) => {
    const fill = ' '.repeat(Math.max(0, width - [...text].length));
    return right ? fill + text : text + fill;
  };
  const line = (r: Record<Column, string>) => COLUMNS.map((k, i) => pad(r[k], widths[i], RIGHT.has(k))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...all.slice(1).map(line)].join('\n');
}

/** One line under the table: how many goals held. */
export function goalSummary(rows: readonly Row[]): string {
  const judged = rows.map(goalMet).filter((m): m is boolean => m !== undefined);
  const missed = rows.filter((r) => goalMet(r) === false).map((r) => r.name);
  const failed = rows.filter((r) => r.value === 'error').map((r) => r.name);
  return `goals met: ${judged.filter(Boolean).length}/${judged.length}${missed.length ? ` (missed: ${missed.join('; ')})` : ''}` +
    `${failed.length ? `; measurements that failed: ${failed.join('; ')}` : ''}`;
}
