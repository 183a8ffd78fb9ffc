import type { Money } from './billing';

/**
 * Formatting for humans (emails, memos, workflow details). The default is `en-US` in UTC so the same input
 * always gives the same text, in workflows and services alike; customer emails pass the customer's locale and
 * time zone (still deterministic: the same arguments give the same text).
 */

const LOCALE = 'en-US';

// Building an Intl formatter costs ~100x formatting with one (matching explains amounts for every automation
// it evaluates): keep one per locale and currency. The cache changes no output, so it is safe in workflow code too.
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function moneyFormat(code: string, locale: string): { format: Intl.NumberFormat; digits: number } {
  const key = `${locale}:${code}`;
  let entry = moneyFormats.get(key);
  if (!entry) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
    moneyFormats.set(key, (entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 }));
  }
  return entry;
}

function dateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}:${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone })));
  return format;
}

/** `{amount: 123450, currency: 'usd'}` → `$1,234.50` (`1 234,50 $US` in `fr-FR`). */
export function formatMoney({ amount, currency }: Money, locale = LOCALE): string {
  const { format, digits } = moneyFormat(currency.toUpperCase(), locale);
  return format.format(amount / 10 ** digits);
}

/** Epoch ms → `March 3, 2026` (UTC unless a time zone is given; `3 mars 2026` in `fr-FR`). */
export function formatDate(ms: number, locale = LOCALE, timeZone = 'UTC'): string {
  return dateFormat(locale, timeZone).format(ms);
}

/** Epoch ms → ISO-8601, for machine-readable details. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
