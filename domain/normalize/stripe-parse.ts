import type { z } from 'zod';
import { secondsToMs } from './billing-enums';
import { invalidFromZod, type NormalizeResult } from './normalize-result';
import type { StripeEventEnvelope } from './stripe-schemas';

/** Parses an event's `data.object` with `schema` and maps it; issues carry their path in the whole event. */
export function parseObject<S extends z.ZodType>(
  schema: S,
  envelope: StripeEventEnvelope,
  map: (object: z.infer<S>, updatedAt: number) => NormalizeResult,
): NormalizeResult {
  const parsed = schema.safeParse(envelope.data.object);
  if (!parsed.success) return invalidFromZod(parsed.error, ['data', 'object']);
  return map(parsed.data, secondsToMs(envelope.created));
}
