import { median, type DunningResult } from './time-skipped-dunning';
import { fmt, type Row } from './table';

/** 3. Wall time of a time-skipped two-month annual dunning (recipe 1), beside a bare workflow with the same timers. */
export function dunningWallTimeRows(r: DunningResult): Row[] {
  return [{
    name: 'time-skipped annual dunning (recipe 1), wall time', value: fmt(median(r.runMs)), baseline: fmt(median(r.baselineMs)), unit: 'ms', goal: { on: 'value', op: 'max', target: 200 },
    notes: `median of ${r.runMs.length} (${r.runMs.map((ms) => fmt(ms)).join('/')} ms) after a warm-up run each, not counted ` +
      `(ours ${fmt(r.warmupMs.run)}, baseline ${fmt(r.warmupMs.baseline)} ms); ${fmt(r.simulatedDays, 1)} simulated days, outcome ${r.outcome}; ` +
      `baseline: bare workflow, same ${r.baselineHistory.byType.TIMER_STARTED ?? 0} timers, no activities (${r.baselineMs.map((ms) => fmt(ms)).join('/')} ms)`,
  }];
}
