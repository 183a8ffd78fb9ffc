import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { SearchAttributeName } from '../../common/temporal/search-attributes';

const key = (name: SearchAttributeName) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

/** The typed keys of the search attributes runs carry (registered as Keyword on the cluster). */
export const RUN_SEARCH_ATTRIBUTES = {
  AutomationId: key('AutomationId'),
  CustomerId: key('CustomerId'),
  InvoiceId: key('InvoiceId'),
  SubscriptionId: key('SubscriptionId'),
  RunStep: key('RunStep'),
} as const;

/** Typed pairs for the values that are set, so a run is findable in the UI before its first task runs. */
export function searchAttributePairs(values: Partial<Record<SearchAttributeName, string>>): SearchAttributePair[] {
  return Object.entries(values)
    .filter((entry): entry is [SearchAttributeName, string] => typeof entry[1] === 'string' && entry[1].length > 0)
    .map(([name, value]) => ({ key: RUN_SEARCH_ATTRIBUTES[name], value }));
}
