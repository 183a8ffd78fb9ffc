import type { Money } from './billing';

/**
 * Formatting for humans (emails, memos, workflow details). Fixed locale and UTC so the same input always
 * gives the same text, in workflows and services alike.
 */

const LOCALE = 'en-US';

// Building an Intl formatter costs ~100x formatting with one (matching explains amounts for every automation
// it evaluates): keep one per currency. The cache changes no output, so it is safe in workflow code too.
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();
const dateFormat = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

function moneyFormat(code: string): { format: Intl.NumberFormat; digits: number } {
  let entry = moneyFormats.get(code);
  if (!entry) {
    const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code });
    moneyFormats.set(code, (entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 }));
  }
  return entry;
}

/** `{amount: 123450, currency: 'usd'}` → `$1,234.50`. */
export function formatMoney({ amount, currency }: Money): string {
  const { format, digits } = moneyFormat(currency.toUpperCase());
  return format.format(amount / 10 ** digits);
}

/** Epoch ms → `March 3, 2026` (UTC). */
export function formatDate(ms: number): string {
  return dateFormat.format(ms);
}

/** Epoch ms → ISO-8601, for machine-readable details. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
