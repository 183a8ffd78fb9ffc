import type { z } from 'zod';
import type { BillingEvent } from '../billing-event';

/** One reason a payload was rejected: a dotted path into the payload (`data.object.amount_due`) and why. */
export interface NormalizeIssue {
  path: string;
  message: string;
}

/**
 * What a normalizer makes of one provider payload. `ignored` is not an error: the provider is told
 * "received" (Stripe retries anything that is not 2xx) and nothing starts. `invalid` means a type we handle
 * arrived with fields missing or of the wrong type.
 */
export type NormalizeResult =
  | { status: 'normalized'; event: BillingEvent }
  | { status: 'ignored'; reason: string }
  | { status: 'invalid'; issues: NormalizeIssue[] };

/** Wraps a domain event as a `normalized` result. */
export const normalized = (event: BillingEvent): NormalizeResult => ({ status: 'normalized', event });

/** An `ignored` result with a human-readable reason (recorded on the event row). */
export const ignored = (reason: string): NormalizeResult => ({ status: 'ignored', reason });

/** Zod issues with dotted paths, prefixed with where the parsed value sits. */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): NormalizeIssue[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path].map(String).join('.'), message: issue.message }));
}

/** An `invalid` result from zod issues, their paths prefixed with where the parsed value sits. */
export const invalidFromZod = (error: z.ZodError, prefix: readonly PropertyKey[] = []): NormalizeResult => ({
  status: 'invalid',
  issues: zodIssues(error, prefix),
});

/** An `invalid` result with one hand-written issue (for rules zod cannot express at parse time). */
export const invalid = (path: string, message: string): NormalizeResult => ({
  status: 'invalid',
  issues: [{ path, message }],
});
