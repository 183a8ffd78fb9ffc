import { createHmac } from 'node:crypto';
import { newStripeIds, stripeEvent } from '../stripe-events';

/** One hostile request to an ingestion route: raw bytes, the headers that go with them, and what kind it is. */
export interface MalformedRequest {
  route: '/webhooks/stripe' | '/v1/events';
  kind: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Stripe's signature scheme over raw bytes (`t=…,v1=HMAC-SHA256(secret, "t." + body)`), for bodies that are not UTF-8. */
export function signStripe(body: Buffer, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** A seeded generator (the same bodies in the same order for a seed). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}true${'}'.repeat(depth)}`;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const WRONG = [42, -1.5, true, null, [], ['x'], {}, { id: 1 }, '', 'x'] as const;

/** A generic `invoice_payment_failed` (`POST /v1/events`), valid before it is broken. */
function genericEvent(r: () => number): Record<string, any> {
  const n = Math.floor(r() * 1e9);
  return {
    id: `evt_malformed_${n}`, type: 'invoice_payment_failed', occurred_at: '2026-01-10T12:00:00Z',
    customer: { id: `cus_${n}`, email: 'a@customer.test' },
    invoice: { id: `in_${n}`, customer_id: `cus_${n}`, status: 'open', amount_due: 1_000, currency: 'usd' },
    attempt: { number: 1, decline_code: 'insufficient_funds' },
  };
}

/** Sets `path` (dot separated) in a copy of `obj` to `value`. */
function setPath(obj: Record<string, any>, path: string, value: unknown): Record<string, any> {
  const copy = structuredClone(obj);
  const keys = path.split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k] = typeof at[k] === 'object' && at[k] ? at[k] : {};
  at[keys[keys.length - 1]] = value;
  return copy;
}

/** Fields and the JSON types they may hold: a wrong type is any other. */
const STRIPE_FIELDS: Record<string, string[]> = {
  id: ['string'], type: ['string'], created: ['number'], data: ['object'], 'data.object': ['object'], 'data.object.id': ['string'],
  'data.object.customer': ['string', 'object', 'null'], livemode: ['boolean'], api_version: ['string', 'null'], 'data.object.amount_due': ['number'],
};
const GENERIC_FIELDS: Record<string, string[]> = {
  id: ['string'], type: ['string'], occurred_at: ['string'], customer: ['object'], 'customer.id': ['string'], invoice: ['object'],
  'invoice.id': ['string'], 'invoice.amount_due': ['number'], 'invoice.currency': ['string'], 'attempt.number': ['number'],
};
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** A value of a type the field may not hold. */
const wrongFor = (r: () => number, types: string[]) => pick(r, WRONG.filter((v) => !types.includes(jsonType(v))));
const ID_FIELDS = { stripe: ['id', 'data.object.id', 'data.object.customer'], generic: ['id', 'customer.id', 'invoice.id', 'invoice.customer_id'] };

/**
 * The `i`-th hostile body of a seed: deep nesting, huge ids, wrong types, NUL bytes (escaped and raw), bad encodings
 * (invalid UTF-8, lone surrogates, UTF-16, a BOM before a wrong type), truncated or non-object JSON and form bodies, on both ingestion
 * routes; Stripe bodies with a valid signature (over the exact bytes) or a bad one. None of them may be stored.
 */
export function malformedRequest(seed: number, i: number, secret: string, apiKey: string): MalformedRequest {
  const r = seeded(seed * 1_000_003 + i);
  const stripe = r() < 0.6;
  const base: Record<string, any> = stripe ? stripeEvent('invoice.payment_failed', { ids: newStripeIds(), interval: 'year' }) : genericEvent(r);
  const types = stripe ? STRIPE_FIELDS : GENERIC_FIELDS;
  const fields = Object.keys(types);
  let kind: string = pick(r, ['deep', 'wide', 'huge_id', 'wrong_type', 'nul_escaped', 'nul_raw', 'bad_utf8', 'lone_surrogate', 'utf16', 'bom', 'truncated', 'not_object', 'form', 'content_type'] as const);
  let text = '';
  let body: Buffer | undefined;
  let contentType = 'application/json';
  switch (kind) {
    case 'deep': text = JSON.stringify(setPath(base, stripe ? 'data.object.metadata' : 'customer.metadata', '__n__')).replace('"__n__"', nested(33 + Math.floor(r() * 20_000))); break;
    case 'wide': text = JSON.stringify(setPath(base, stripe ? 'data.object.lines.data' : 'invoice.lines', Array.from({ length: 1_001 + Math.floor(r() * 20_000) }, () => 1))); break;
    case 'huge_id': { const f = pick(r, stripe ? ID_FIELDS.stripe : ID_FIELDS.generic); kind = `${kind}:${f}`; text = JSON.stringify(setPath(base, f, `x_${'9'.repeat(256 + Math.floor(r() * 50_000))}`)); break; }
    case 'wrong_type': { const f = pick(r, fields); const v = wrongFor(r, types[f]); kind = `${kind}:${f}=${JSON.stringify(v)}`; text = JSON.stringify(setPath(base, f, v)); break; }
    case 'nul_escaped': text = JSON.stringify(setPath(base, pick(r, [...(stripe ? ID_FIELDS.stripe : ID_FIELDS.generic), 'type']), `a\u0000b`)); break;
    case 'nul_raw': { const t = JSON.stringify(base); const at = Math.floor(r() * t.length); body = Buffer.concat([Buffer.from(t.slice(0, at)), Buffer.from([0]), Buffer.from(t.slice(at))]); break; }
    case 'bad_utf8': {
      // A lone UTF-8 lead byte inside a string: the JSON text is otherwise well formed.
      const f = pick(r, fields.filter((k) => types[k].includes('string')));
      kind = `${kind}:${f}`;
      body = Buffer.from(Buffer.from(JSON.stringify(setPath(base, f, '__b__')).replace('"__b__"', '"a\u0001b"'), 'utf8').map((b) => (b === 1 ? 0xc3 : b)));
      break;
    }
    case 'lone_surrogate': text = JSON.stringify(setPath(base, pick(r, fields), '__s__')).replace('"__s__"', pick(r, ['"\\ud800"', '"\\udfff x"', '"a\\ud83d"'])); break;
    case 'utf16': body = Buffer.from(JSON.stringify(base), 'utf16le'); break;
    case 'bom': { const f = pick(r, fields); body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(setPath(base, f, wrongFor(r, types[f]))))]); break; }
    case 'truncated': { const t = JSON.stringify(base); text = t.slice(0, Math.floor(r() * (t.length - 1))); break; }
    case 'not_object': text = pick(r, ['null', '[]', '42', '"evt"', 'true', '[{"id":"evt_1"}]', '', ' ', '{}', '{"id":null}']); break;
    case 'form': contentType = 'application/x-www-form-urlencoded'; text = `id=${base.id}&type=invoice.payment_failed&payload=${encodeURIComponent(JSON.stringify(base))}`; break;
    case 'content_type': contentType = pick(r, ['text/plain', 'application/json-patch+json', 'application/xml', 'multipart/form-data; boundary=x']);
      text = JSON.stringify(base); break;
  }
  body ??= Buffer.from(text, 'utf8');
  const headers: Record<string, string> = { 'content-type': contentType };
  if (stripe) {
    const badSignature = r() < 0.3;
    if (badSignature) kind = `${kind}+bad_signature`;
    headers['stripe-signature'] = badSignature ? pick(r, ['t=1,v1=00', 'garbage', '', `t=${Math.floor(Date.now() / 1000)},v1=${'f'.repeat(64)}`, signStripe(body, 'whsec_wrong')]) : signStripe(body, secret);
    if (headers['stripe-signature'] === '') delete headers['stripe-signature'];
  } else {
    headers.authorization = `Bearer ${apiKey}`;
  }
  return { route: stripe ? '/webhooks/stripe' : '/v1/events', kind, headers, body };
}
