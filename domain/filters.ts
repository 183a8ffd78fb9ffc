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

function evaluateCondition(c: Condition, f: FilterFacts): FilterExplanation {
  switch (c.type) {
    case 'customer_metadata':
    case 'invoice_metadata': {
      const source = c.type === 'customer_metadata' ? f.customer : f.invoice;
      const value = source?.metadata[c.key];
      const label = c.type === 'customer_metadata' ? 'customer' : 'invoice';
      return { passed: value === c.equals, condition: `${label} metadata ${c.key} = "${c.equals}"`, seen: show(value) };
    }
    case 'invoice_amount': {
      const bounds = [c.min !== undefined && `≥ ${formatMoney({ amount: c.min, currency: c.currency })}`,
        c.max !== undefined && `≤ ${formatMoney({ amount: c.max, currency: c.currency })}`].filter(Boolean).join(' and ');
      const condition = `invoice amount due ${bounds}`;
      const inv = f.invoice;
      if (!inv) return { passed: false, condition, seen: MISSING };
      const seen = formatMoney({ amount: inv.amountDue, currency: inv.currency });
      // Amounts in another currency never match: converting would make matching depend on FX rates.
      const passed = inv.currency.toLowerCase() === c.currency &&
        (c.min === undefined || inv.amountDue >= c.min) && (c.max === undefined || inv.amountDue <= c.max);
      return { passed, condition, seen };
    }
    case 'subscription_interval': {
      const given = f.subscription?.interval ?? f.invoice?.lines.find((l) => l.interval)?.interval;
      // Last resort (a 2025-03-31+ invoice whose subscription could not be read): the line's billing period.
      const fromPeriod = given ? undefined : f.invoice?.lines.find((l) => l.periodInterval)?.periodInterval;
      const interval = given ?? fromPeriod;
      const seen = fromPeriod ? `${show(fromPeriod)} (from the invoice line's billing period)` : show(interval);
      return { passed: interval === c.interval, condition: `subscription interval is ${c.interval}`, seen };
    }
    case 'product':
    case 'price': {
      const seen = c.type === 'product' ? productsOf(f) : pricesOf(f);
      const passed = seen.some((id) => c.in.includes(id));
      return { passed, condition: `${c.type} in [${c.in.join(', ')}]`, seen: seen.length ? seen.join(', ') : MISSING };
    }
    case 'customer_email_domain': {
      const domain = emailDomain(f.customer?.email);
      const passed = domain !== undefined && c.in.some((d) => d.toLowerCase() === domain);
      return { passed, condition: `customer email domain in [${c.in.join(', ')}]`, seen: show(domain) };
    }
  }
}

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
