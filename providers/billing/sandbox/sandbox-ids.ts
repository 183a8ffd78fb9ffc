import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Object kinds of the sandbox ledger and their Stripe-like id prefixes. */
export type SandboxIdPrefix = 'cus' | 'pm' | 'prod' | 'price' | 'sub' | 'in' | 'ch' | 'evt' | 'card';

/** A Stripe-like id (`cus_…`, `in_…`) with 24 random base62 characters (~142 bits from the CSPRNG). */
export function sandboxId(prefix: SandboxIdPrefix): string {
  let body = '';
  for (let i = 0; i < 24; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}_${body}`;
}
