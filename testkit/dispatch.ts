import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { BillingEvent } from '../domain/billing-event';
import { factsOf, matchAutomations, type MatchCandidate, type MatchResult } from '../domain/matching';
import type { AutomationRunInput } from '../domain/run';
import { routeEvent } from '../domain/triggers';
import { automationRunStartOptions } from '../services/common/temporal/workflow-start-options';
import type { automationRun } from '../workflows';
import { DAY } from './time-skipping';

/** What the dispatcher decided for one event. */
export interface Dispatched {
  match?: MatchResult;
  handle?: WorkflowHandleWithFirstExecutionRunId<typeof automationRun>;
  input?: AutomationRunInput;
}

/**
 * What the gateway's dispatcher does with an event, minus the database: route → match (pure) → start
 * the winner's run with the dispatcher's start options (deterministic id, pinned snapshot, summary).
 */
export async function dispatch(client: Client, taskQueue: string, event: BillingEvent, candidates: MatchCandidate[], dayMs = DAY): Promise<Dispatched> {
  const routing = routeEvent(event, dayMs);
  if (!routing.trigger) return {};
  const match = matchAutomations(routing.trigger, candidates, factsOf(event));
  if (!match.winner) return { match };
  const input: AutomationRunInput = { automation: match.winner, subject: routing.trigger.subject, event, dayMs };
  const handle = await client.workflow.start<typeof automationRun>('automationRun', automationRunStartOptions(input, taskQueue));
  return { match, handle, input };
}
