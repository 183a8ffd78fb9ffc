import type { DunningResult } from './time-skipped-dunning';
import { fmt, type Row } from './table';

/** 6. History events and Temporal Cloud actions of one recorded annual dunning run (recipe 1, retries exhausted), beside the bare workflow's. */
export function historyEventsRows(r: DunningResult): Row[] {
  const t = r.history.byType;
  const activities = t.ACTIVITY_TASK_SCHEDULED ?? 0;
  return [{
    name: 'history events per annual dunning run', value: String(r.history.events), baseline: String(r.baselineHistory.events), unit: 'events', goal: { on: 'value', op: 'max', target: 150 },
    notes: `${fmt(r.history.bytes / 1024, 1)} KiB; ${activities} activities, ${t.TIMER_STARTED ?? 0} timers, ${t.WORKFLOW_TASK_COMPLETED ?? 0} workflow tasks, ` +
      `${t.UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ?? 0} SA upserts; baseline: bare workflow, same timers; Temporal's limit is 51 200`,
  }, {
    name: 'Temporal Cloud actions per annual dunning run', value: String(r.history.actions), baseline: String(r.baselineHistory.actions), unit: 'actions',
    notes: `from the recorded history: start, timers, activity attempts, signals, SA upserts, local-activity batches; ` +
      `baseline: the bare workflow's start and timers; × 10 000 runs = ${fmt(r.history.actions * 10_000)} actions`,
  }];
}
