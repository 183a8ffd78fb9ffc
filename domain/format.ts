import type { Money } from './billing';

/**
 * Formatting for humans (emails, memos, workflow details). Fixed locale and UTC so the same input always
 * gives the same text, in workflows and services alike.
 */

const LOCALE = 'en-US';

/** Minor-unit digits of a currency as Intl knows them (USD 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions()
    .maximumFractionDigits ?? 2;
}

/** `{amount: 123450, currency: 'usd'}` → `$1,234.50`. */
export function formatMoney({ amount, currency }: Money): string {
  const code = currency.toUpperCase();
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code }).format(amount / 10 ** currencyDigits(code));
}

/** Epoch ms → `March 3, 2026` (UTC). */
export function formatDate(ms: number): string {
  return new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(ms);
}

/** Epoch ms → ISO-8601, for machine-readable details. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
