/** Search attributes the Web UI filters runs by (the workflows upsert them: workflows/search-attributes.ts). */
export type RunSearchKey = 'InvoiceId' | 'CustomerId' | 'SubscriptionId' | 'AutomationId';

/**
 * The Temporal Web UI (2.x) workflow list filtered by one search attribute: `/namespaces/{ns}/workflows`
 * with the visibility query in `query` (what the UI's own filter bar writes into the address).
 */
export function workflowListUrl(uiBase: string, namespace: string, key: RunSearchKey, value: string): string {
  const query = `${key}="${value.replace(/["\\]/g, '\\$&')}"`;
  return `${trim(uiBase)}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
}

/** One workflow execution's page in the Web UI (its history tab). */
export function workflowUrl(uiBase: string, namespace: string, workflowId: string, runId: string): string {
  return `${trim(uiBase)}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`;
}

function trim(base: string): string {
  return base.replace(/\/+$/, '');
}
