import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RecurringInterval } from '../domain/billing';

/*
 * Real Stripe objects (stripe/openapi fixtures3.json, copied into testkit/fixtures/stripe: see SOURCE.json)
 * in both API shapes. Their values are generated (both `parent` variants filled, garbage numbers), so each
 * builder overwrites what matters and deletes what a real object of that shape does not have.
 */

/** Which Stripe API shape: `legacy` before 2025-03-31 (`invoice.subscription`), `current` after (`invoice.parent`). */
export type StripeShape = 'legacy' | 'current';
/** A Stripe object as JSON: loosely typed so tests can reach into it. */
export type StripeObject = Record<string, any>;
/** The fixture resources copied from stripe/openapi. */
export type FixtureName = 'invoice' | 'subscription' | 'customer' | 'payment_method' | 'payment_intent' | 'charge' | 'price' | 'plan';

const FIXTURES_DIR = path.resolve(__dirname, 'fixtures/stripe');
const cache = new Map<string, StripeObject>();

/** A fresh deep copy of a fixture object (callers may mutate it). */
export function stripeFixture(shape: StripeShape, name: FixtureName): StripeObject {
  const key = `${shape}/${name}`;
  if (!cache.has(key)) cache.set(key, JSON.parse(readFileSync(path.join(FIXTURES_DIR, shape, `${name}.json`), 'utf8')));
  return structuredClone(cache.get(key)!);
}

/** The API version each shape's fixtures were taken at (SOURCE.json). */
export const API_VERSIONS: Record<StripeShape, string> = { legacy: '2024-12-18.acacia', current: '2026-07-29.dahlia' };

/** The ids the objects of one scenario share. */
export interface StripeIds {
  customer: string;
  subscription: string;
  subscriptionItem: string;
  invoice: string;
  price: string;
  product: string;
  paymentMethod: string;
  paymentIntent: string;
  charge: string;
}

/** The fixtures' own ids: deterministic defaults, shared by every event that does not say otherwise. */
export const FIXTURE_IDS: StripeIds = {
  customer: 'cus_QXg1o8vcGmoR32',
  subscription: 'sub_1Pgc6rB7WZ01zgkWNy0Cn5nw',
  subscriptionItem: 'si_QXhVnC2h0Jczwc',
  invoice: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I',
  price: 'price_1PgafmB7WZ01zgkW6dKueIc5',
  product: 'prod_QXg1hqf4jFNsqG',
  paymentMethod: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ',
  paymentIntent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3',
  charge: 'ch_1PgafuB7WZ01zgkWXYmPNZs8',
};

/** A Stripe-looking id with a random suffix (`randomStripeId('in')` → `in_1Q…`). */
export const randomStripeId = (prefix: string): string => `${prefix}_1${randomBytes(12).toString('base64url').slice(0, 23)}`;

/** A fresh, unique set of ids: use one per test when tests share a database or a Temporal server. */
export function newStripeIds(): StripeIds {
  return {
    customer: randomStripeId('cus'),
    subscription: randomStripeId('sub'),
    subscriptionItem: randomStripeId('si'),
    invoice: randomStripeId('in'),
    price: randomStripeId('price'),
    product: randomStripeId('prod'),
    paymentMethod: randomStripeId('pm'),
    paymentIntent: randomStripeId('pi'),
    charge: randomStripeId('ch'),
  };
}

/** A unique event id (`evt_1…`) and request metadata as Stripe puts them on events. */
export const newEventId = (): string => randomStripeId('evt');
/** The `request` of an event caused by an API call (automatic events have `{ id: null, idempotency_key: null }`). */
export const apiRequest = () => ({ id: randomStripeId('req'), idempotency_key: randomUUID() });

/** `seconds` moved by `count` billing intervals, on the calendar (months and years vary in length). */
export function addInterval(seconds: number, interval: RecurringInterval, count = 1): number {
  const date = new Date(seconds * 1000);
  if (interval === 'day') date.setUTCDate(date.getUTCDate() + count);
  if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7 * count);
  if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  if (interval === 'year') date.setUTCFullYear(date.getUTCFullYear() + count);
  return Math.floor(date.getTime() / 1000);
}

/** Applies overrides last: a key set to `undefined` deletes the field (to build invalid payloads). */
export function applyOverrides(target: StripeObject, overrides: Record<string, unknown> | undefined): StripeObject {
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return target;
}

/** Deletes fields a real object of this shape would not carry. */
export function drop(target: StripeObject, ...keys: string[]): StripeObject {
  for (const key of keys) delete target[key];
  return target;
}
