/** The custom search attributes runs upsert (DESIGN §3); all Keyword so the Web UI filters them exactly. */
export const SEARCH_ATTRIBUTE_NAMES = ['AutomationId', 'CustomerId', 'InvoiceId', 'SubscriptionId', 'RunStep'] as const;

export type SearchAttributeName = (typeof SEARCH_ATTRIBUTE_NAMES)[number];

/** `Name=Keyword` pairs for `temporal server start-dev --search-attribute`. */
export const devServerSearchAttributeFlags = (): string[] =>
  SEARCH_ATTRIBUTE_NAMES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]);
