import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import { runIds, type AutomationRunInput } from '../domain/run';

/**
 * The custom search attributes of runs and deadline timers (docs/architecture.md, "Run workflows"), as typed keys: the one definition
 * the workflows upsert and the gateway sets at start (`typedSearchAttributes`). All are Keyword so the Web
 * UI filters them exactly. Imported from @temporalio/common, not @temporalio/workflow (which does not
 * re-export the typed keys in 1.24): common is pure and already part of every workflow bundle, and it keeps
 * this file loadable by the gateway without the workflow runtime.
 */

const keyword = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

/** Typed keys by name. Names are a shipped contract (queries and the UI filter by them): never rename. */
export const RUN_SEARCH_ATTRIBUTES = {
  AutomationId: keyword('AutomationId'),
  CustomerId: keyword('CustomerId'),
  InvoiceId: keyword('InvoiceId'),
  SubscriptionId: keyword('SubscriptionId'),
  RunStep: keyword('RunStep'),
} as const;

export type RunSearchAttributeName = keyof typeof RUN_SEARCH_ATTRIBUTES;

/** Typed pairs for the values that are set (an absent id is left out, not cleared). */
export function runSearchAttributes(values: Partial<Record<RunSearchAttributeName, string>>): SearchAttributePair[] {
  return (Object.keys(RUN_SEARCH_ATTRIBUTES) as RunSearchAttributeName[])
    .filter((name) => typeof values[name] === 'string' && values[name] !== '')
    .map((name) => ({ key: RUN_SEARCH_ATTRIBUTES[name], value: values[name]! }));
}

/** What a run is tagged with when it starts: its automation and the ids it is about (gateway and workflow alike). */
export function runStartSearchAttributes(input: AutomationRunInput): SearchAttributePair[] {
  const { customerId, invoiceId, subscriptionId } = runIds(input);
  return runSearchAttributes({
    AutomationId: input.automation.automationId, CustomerId: customerId, InvoiceId: invoiceId, SubscriptionId: subscriptionId, RunStep: 'starting',
  });
}
