import type { SearchAttributePair } from '@temporalio/common';
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

/**
 * Upserts search attributes; with `onlyChanged`, only those whose value differs from the run's current one
 * (each upsert is a history event and a Temporal Cloud action, and the gateway already set the start values).
 */
export function upsertRunSearchAttributes(pairs: SearchAttributePair[], onlyChanged: boolean): void {
  if (!onlyChanged) return upsertSearchAttributes(pairs);
  const current = workflowInfo().typedSearchAttributes;
  const changed = pairs.filter(({ key, value }) => current.get(key) !== value);
  if (changed.length > 0) upsertSearchAttributes(changed);
}
