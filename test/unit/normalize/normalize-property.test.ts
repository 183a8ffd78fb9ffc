import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeGenericEvent, normalizeStripeEvent, STRIPE_EVENT_KINDS, type NormalizeResult } from '../../../domain/normalize';
import { stripeEvent, type StripeShape } from '../../../testkit/stripe-events';

const STATUSES = ['normalized', 'ignored', 'invalid'];
const TYPES = Object.keys(STRIPE_EVENT_KINDS);
const BASE_EVENTS = (['legacy', 'current'] as StripeShape[]).flatMap((shape) =>
  TYPES.map((type) => stripeEvent(type, { shape, declineCode: 'do_not_honor' })),
);

const GENERIC_EXAMPLES: unknown[] = [
  ...readFileSync(path.resolve(__dirname, '../../../docs/generic-events.md'), 'utf8').matchAll(/```json\n([\s\S]*?)```/g),
].map((m) => JSON.parse(m[1]));

/** A result is well-formed: one of the three statuses, with what that status promises. */
function wellFormed(result: NormalizeResult): boolean {
  if (!STATUSES.includes(result.status)) return false;
  if (result.status === 'invalid') return result.issues.length > 0 && result.issues.every((i) => typeof i.path === 'string' && i.message.length > 0);
  if (result.status === 'ignored') return result.reason.length > 0;
  return Number.isFinite(result.event.occurredAt) && typeof result.event.id === 'string';
}

/** Every path into a JSON value, so a mutation can hit anything from the envelope to a nested card. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function replaceAt(root: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = replacement;
  return copy;
}

const mutated = (bases: unknown[]) =>
  fc.record({ base: fc.constantFrom(...bases), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ base, pick, value }) => {
    const all = paths(base);
    return replaceAt(base, all[pick % all.length], value);
  });
const mutatedEvent = mutated(BASE_EVENTS);

describe.each([
  ['normalizeStripeEvent', normalizeStripeEvent],
  ['normalizeGenericEvent', normalizeGenericEvent],
])('%s never throws', (_name, normalize) => {
  it('on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => wellFormed(normalize(body))), { numRuns: 500 });
  });

  it('on random objects with a handled type', () => {
    const body = fc.record({
      id: fc.oneof(fc.string(), fc.jsonValue()), type: fc.constantFrom(...TYPES, 'invoice_paid', 'payment_method_updated'),
      created: fc.oneof(fc.integer(), fc.jsonValue()), occurred_at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
      data: fc.record({ object: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), previous_attributes: fc.jsonValue({ maxDepth: 2 }) }),
      invoice: fc.jsonValue({ maxDepth: 2 }),
    }, { requiredKeys: ['type'] });
    fc.assert(fc.property(body, (b) => wellFormed(normalize(b))), { numRuns: 500 });
  });
});

it('normalizeStripeEvent never throws on realistic events with one field replaced by random JSON', () => {
  fc.assert(fc.property(mutatedEvent, (event) => wellFormed(normalizeStripeEvent(event))), { numRuns: 1500 });
});

it('normalizeGenericEvent never throws on documented examples with one field replaced by random JSON', () => {
  fc.assert(fc.property(mutated(GENERIC_EXAMPLES), (body) => wellFormed(normalizeGenericEvent(body))), { numRuns: 1000 });
});

it('normalizeStripeEvent is deterministic: the same payload gives the same result', () => {
  fc.assert(fc.property(mutatedEvent, (event) => {
    const body = JSON.stringify(event); // as the gateway hands it over: freshly parsed JSON
    expect(normalizeStripeEvent(JSON.parse(body))).toStrictEqual(normalizeStripeEvent(JSON.parse(body)));
  }), { numRuns: 200 });
});
