import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../services/common/runtime/project-root';
import { loadNow } from './run-wait';

/** One measured figure of a fault scenario, with the value it must have (when there is one). */
export interface FaultFigure {
  scenario: string;
  measure: string;
  value: number | string;
  /** What the figure must be (`0`, `= 100`); absent for figures that only inform (a drain time). */
  goal?: string;
  ok: boolean;
}

/** Where scenarios leave their figures for `make faults` to print (one JSON file per scenario). */
export const FIGURES_DIR = path.join(projectRoot(), 'reports', 'faults');

/** The machine's load when the scenario's file was loaded (each Jest test file loads its own modules): its start. */
const loadAtStart = loadNow();

/** Writes a scenario's figures (replacing the ones of an earlier run), with the machine's load at its start and end. */
export function recordFigures(scenario: string, measured: Omit<FaultFigure, 'scenario'>[]): void {
  const figures = [...measured, info('machine load (1-minute average) at start, at end', `${loadAtStart}, ${loadNow()}`)];
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  const file = path.join(FIGURES_DIR, `${scenario.split(' ')[0].replace(/\W/g, '')}.json`);
  fs.writeFileSync(file, JSON.stringify(figures.map((f) => ({ scenario, ...f })), null, 2));
}

/** A figure that must equal `goal`. */
export const must = (measure: string, value: number, goal: number): Omit<FaultFigure, 'scenario'> =>
  ({ measure, value, goal: `= ${goal}`, ok: value === goal });

/** A figure that only informs. */
export const info = (measure: string, value: number | string): Omit<FaultFigure, 'scenario'> => ({ measure, value, ok: true });

/** Every recorded figure, by scenario name. */
export function readFigures(dir = FIGURES_DIR): FaultFigure[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FaultFigure[]);
}

/** The one table `make faults` prints: scenario, measure, value, goal, verdict. */
export function formatFigures(figures: FaultFigure[]): string {
  const rows = [['scenario', 'measure', 'value', 'goal', ''], ...figures.map((f) => [f.scenario, f.measure, String(f.value), f.goal ?? '', f.ok ? 'ok' : 'FAIL'])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
