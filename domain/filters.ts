import type { Condition, Filter } from './automation';
import type { CustomerSnapshot, InvoiceSnapshot, SubscriptionSnapshot } from './billing';
import { formatMoney } from './format';

/** The facts filters look at (the enriched event's snapshots). */
export interface FilterFacts {
  customer?: CustomerSnapshot;
  invoice?: InvoiceSnapshot;
  subscription?: SubscriptionSnapshot;
}

/** Why one node passed or failed: the condition in words, the value seen, and children for `all`/`any`. */
export interface FilterExplanation {
  passed: boolean;
  condition: string;
  /** The value the condition looked at, as text (`(missing)` when the fact is absent). */
  seen?: string;
  children?: FilterExplanation[];
}

const MISSING = '(missing)';

/** Evaluates a filter tree; every node is evaluated (no short-circuit) so the explanation is complete. */
export function evaluateFilter(filter: Filter | undefined, facts: FilterFacts): FilterExplanation {
  if (filter === undefined) return { passed: true, condition: 'no filters' };
  if ('all' in filter) {
    const children = filter.all.map((f) => evaluateFilter(f, facts));
    return { passed: children.every((c) => c.passed), condition: `all of ${children.length}`, children };
  }
  if ('any' in filter) {
    const children = filter.any.map((f) => evaluateFilter(f, facts));
    return { passed: children.some((c) => c.passed), condition: `any of ${children.length}`, children };
  }
  return evaluateCondition(filter, facts);
}

/** Whether a filter tree passes, short-circuited and without an explanation (matching's hot path). */
export function filterPasses(filter: Filter | undefined, facts: FilterFacts): boolean {
  if (filter === undefined) return true;
  if ('all' in filter) return filter.all.every((f) => filterPasses(f, facts));
  if ('any' in filter) return filter.any.some((f) => filterPasses(f, facts));
  return conditionPasses(filter, facts);
}

/** The one place a condition is decided: the explanation and the hot path both ask it. */
function conditionPasses(c: Condition, f: FilterFacts): boolean {
  switch (c.type) {
    case 'customer_metadata':
      return f.customer?.metadata[c.key] === c.equals;
    case 'invoice_metadata':
      return f.invoice?.metadata[c.key] === c.equals;
    case 'invoice_amount': {
      const inv = f.invoice;
      // Amounts in another currency never match: converting would make matching depend on FX rates.
      return inv !== undefined && inv.currency.toLowerCase() === c.currency &&
        (c.min === undefined || inv.amountDue >= c.min) && (c.max === undefined || inv.amountDue <= c.max);
    }
    case 'subscription_interval':
      return intervalOf(f) === c.interval;
    case 'product':
    case 'price': {
      const seen = c.type === 'product' ? productsOf(f) : pricesOf(f);
      return seen.some((id) => c.in.includes(id));
    }
    case 'customer_email_domain': {
      const domain = emailDomain(f.customer?.email);
      return domain !== undefined && c.in.some((d) => d.toLowerCase() === domain);
    }
  }
}

function evaluateCondition(c: Condition, f: FilterFacts): FilterExplanation {
  const passed = conditionPasses(c, f);
  switch (c.type) {
    case 'customer_metadata':
    case 'invoice_metadata': {
      const source = c.type === 'customer_metadata' ? f.customer : f.invoice;
      const label = c.type === 'customer_metadata' ? 'customer' : 'invoice';
      return { passed, condition: `${label} metadata ${c.key} = "${c.equals}"`, seen: show(source?.metadata[c.key]) };
    }
    case 'invoice_amount': {
      const bounds = [c.min !== undefined && `≥ ${formatMoney({ amount: c.min, currency: c.currency })}`,
        c.max !== undefined && `≤ ${formatMoney({ amount: c.max, currency: c.currency })}`].filter(Boolean).join(' and ');
      const inv = f.invoice;
      return { passed, condition: `invoice amount due ${bounds}`, seen: inv ? formatMoney({ amount: inv.amountDue, currency: inv.currency }) : MISSING };
    }
    case 'subscription_interval': {
      const fromPeriod = givenInterval(f) === undefined ? periodInterval(f) : undefined;
      const seen = fromPeriod ? `${show(fromPeriod)} (from the invoice line's billing period)` : show(intervalOf(f));
      return { passed, condition: `subscription interval is ${c.interval}`, seen };
    }
    case 'product':
    case 'price': {
      const seen = c.type === 'product' ? productsOf(f) : pricesOf(f);
      return { passed, condition: `${c.type} in [${c.in.join(', ')}]`, seen: seen.length ? seen.join(', ') : MISSING };
    }
    case 'customer_email_domain':
      return { passed, condition: `customer email domain in [${c.in.join(', ')}]`, seen: show(emailDomain(f.customer?.email)) };
  }
}

/**
 * Index keys of a condition: it can only pass for facts that have at least one of them (see `factKeys`).
 * Built from the same accessors as `conditionPasses`, so the two cannot drift apart.
 */
export function conditionKeys(c: Condition): string[] {
  switch (c.type) {
    case 'customer_metadata':
      return [`cm\u0000${c.key}\u0000${c.equals}`];
    case 'invoice_metadata':
      return [`im\u0000${c.key}\u0000${c.equals}`];
    case 'invoice_amount':
      return [`cur\u0000${c.currency}`];
    case 'subscription_interval':
      return [`iv\u0000${c.interval}`];
    case 'product':
      return c.in.map((id) => `pr\u0000${id}`);
    case 'price':
      return c.in.map((id) => `pc\u0000${id}`);
    case 'customer_email_domain':
      return c.in.map((d) => `ed\u0000${d.toLowerCase()}`);
  }
}

/** The index keys the facts have: a condition passes only if it shares one of these (its `conditionKeys`). */
export function factKeys(f: FilterFacts): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(f.customer?.metadata ?? {})) keys.push(`cm\u0000${k}\u0000${v}`);
  for (const [k, v] of Object.entries(f.invoice?.metadata ?? {})) keys.push(`im\u0000${k}\u0000${v}`);
  if (f.invoice) keys.push(`cur\u0000${f.invoice.currency.toLowerCase()}`);
  const interval = intervalOf(f);
  if (interval) keys.push(`iv\u0000${interval}`);
  for (const id of productsOf(f)) keys.push(`pr\u0000${id}`);
  for (const id of pricesOf(f)) keys.push(`pc\u0000${id}`);
  const domain = emailDomain(f.customer?.email);
  if (domain) keys.push(`ed\u0000${domain}`);
  return keys;
}

function intervalOf(f: FilterFacts): string | undefined {
  return givenInterval(f) ?? periodInterval(f);
}

/** The interval the payload or the provider gave. */
const givenInterval = (f: FilterFacts) => f.subscription?.interval ?? f.invoice?.lines.find((l) => l.interval)?.interval;

/** Last resort (a 2025-03-31+ invoice whose subscription could not be read): the line's billing period. */
const periodInterval = (f: FilterFacts) => f.invoice?.lines.find((l) => l.periodInterval)?.periodInterval;

/** The lower-case domain of an address, or undefined when it has none. */
export function emailDomain(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at > 0 ? email.slice(at + 1).toLowerCase() : undefined;
}

function productsOf(f: FilterFacts): string[] {
  return [...new Set([...(f.invoice?.lines ?? []), ...(f.subscription?.items ?? [])].map((l) => l.productId))];
}

function pricesOf(f: FilterFacts): string[] {
  return [...new Set([...(f.invoice?.lines ?? []), ...(f.subscription?.items ?? [])].map((l) => l.priceId))];
}

function show(value: string | undefined): string {
  return value === undefined ? MISSING : `"${value}"`;
}

/** Flattens an explanation into readable lines (`✓ subscription interval is year (seen "year")`). */
export function explanationLines(e: FilterExplanation, depth = 0): string[] {
  const line = `${'  '.repeat(depth)}${e.passed ? '✓' : '✗'} ${e.condition}${e.seen === undefined ? '' : ` (seen ${e.seen})`}`;
  return [line, ...(e.children ?? []).flatMap((c) => explanationLines(c, depth + 1))];
}
