import type { CustomerSnapshot } from './billing';
import type { TemplateContext } from './email-templates';
import { formatDate, formatMoney } from './format';

/** Languages every built-in template is written in; the first is the fallback. */
export const EMAIL_LANGUAGES = ['en', 'fr'] as const;
/** One template language. */
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

/** How a customer's email is written: the template language, the Intl locale and the time zone of its dates. */
export interface EmailLocale {
  language: EmailLanguage;
  /** BCP 47 tag for numbers and dates, e.g. `fr-FR`, `en-US`. */
  locale: string;
  timeZone: string;
}

const DEFAULT_LOCALE: EmailLocale = { language: 'en', locale: 'en-US', timeZone: 'UTC' };
// Where a locale or time zone is read from when the provider has no field for it (sandbox, generic events).
const LOCALE_KEYS = ['locale', 'preferred_locale', 'language'];
const TIME_ZONE_KEYS = ['timezone', 'time_zone', 'tz'];

/**
 * The customer's email locale: the first of Stripe's `preferred_locales`, then metadata `locale`, that names a
 * language we have templates for (`fr`, `fr-CA`), else English; the time zone from metadata `timezone` when it
 * is a real IANA zone, else UTC.
 */
export function emailLocaleOf(customer: Pick<CustomerSnapshot, 'metadata' | 'preferredLocales'> | undefined): EmailLocale {
  const meta = customer?.metadata ?? {};
  const candidates = [...(customer?.preferredLocales ?? []), ...LOCALE_KEYS.map((k) => meta[k])].filter((v): v is string => !!v);
  const timeZone = TIME_ZONE_KEYS.map((k) => meta[k]).find((tz) => tz && validTimeZone(tz)) ?? DEFAULT_LOCALE.timeZone;
  for (const tag of candidates) {
    const locale = canonicalLocale(tag);
    const language = locale?.split('-')[0].toLowerCase();
    if (locale && (EMAIL_LANGUAGES as readonly string[]).includes(language!)) {
      // A bare language gets its usual region so numbers read as the customer expects (`fr` → `fr-FR`).
      return { language: language as EmailLanguage, locale: locale.includes('-') ? locale : `${locale}-${language === 'en' ? 'US' : language!.toUpperCase()}`, timeZone };
    }
  }
  return { ...DEFAULT_LOCALE, timeZone };
}

/** The context's amounts and dates formatted again in the customer's locale and time zone (the rest unchanged). */
export function localizeContext(ctx: TemplateContext, where: EmailLocale): TemplateContext {
  const raw = ctx.raw;
  const out: TemplateContext = { ...ctx, locale: where.language };
  if (!raw) return out; // a context built before raw values existed keeps its en-US strings
  const date = (ms: number | undefined) => (ms === undefined ? undefined : formatDate(ms, where.locale, where.timeZone));
  const money = (amount: number | undefined) => (amount === undefined || !raw.currency ? undefined : formatMoney({ amount, currency: raw.currency }, where.locale));
  out.today = date(raw.today)!;
  if (ctx.invoice) {
    out.invoice = { ...ctx.invoice, amount_due: money(raw.amount_due) ?? ctx.invoice.amount_due, amount_remaining: money(raw.amount_remaining) ?? ctx.invoice.amount_remaining };
    if (raw.due_date !== undefined) out.invoice.due_date = date(raw.due_date);
  }
  if (ctx.subscription) {
    out.subscription = { ...ctx.subscription };
    if (raw.current_period_end !== undefined) out.subscription.current_period_end = date(raw.current_period_end);
    if (raw.canceled_at !== undefined) out.subscription.canceled_at = out.cancellation_date = date(raw.canceled_at);
  }
  if (ctx.payment_method && raw.expires_on !== undefined) out.payment_method = { ...ctx.payment_method, expires_on: date(raw.expires_on) };
  return out;
}

function canonicalLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.replace('_', '-'))[0];
  } catch {
    return undefined; // not a BCP 47 tag
  }
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
