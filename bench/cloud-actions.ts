import type { History } from '@temporalio/common/lib/proto-utils';

/**
 * Temporal Cloud actions a recorded history stands for (docs.temporal.io/cloud/actions): the start, each
 * timer, each activity attempt, each signal received, each search-attribute upsert (those given at start are
 * free), each child workflow or continue-as-new, and local activities once per workflow task that ran some.
 * Queries are not in a history; a run answers none unless someone asks for its state.
 */
export function cloudActions(history: History): number {
  let actions = 0;
  let tasks = 0;
  let counted = -1; // the last workflow task whose local activities were counted
  for (const e of history.events ?? []) {
    if (e.workflowExecutionStartedEventAttributes || e.timerStartedEventAttributes || e.workflowExecutionSignaledEventAttributes ||
        e.upsertWorkflowSearchAttributesEventAttributes || e.startChildWorkflowExecutionInitiatedEventAttributes ||
        e.workflowExecutionContinuedAsNewEventAttributes || e.activityTaskStartedEventAttributes) {
      actions++;
    }
    // A task's commands (its local-activity markers among them) are recorded after its WORKFLOW_TASK_COMPLETED.
    if (e.workflowTaskCompletedEventAttributes) tasks++;
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity' && counted !== tasks) {
      actions++;
      counted = tasks;
    }
  }
  return actions;
}
