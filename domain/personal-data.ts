/**
 * Personal data in stored provider payloads: what an erasure removes from a Stripe, sandbox or generic event.
 * Every value under one of these keys is replaced by null, at any depth, wherever the object sits (the customer
 * object itself, an invoice's `customer_*` copies, a charge's `billing_details`, a payment method's owner):
 * names, email addresses, phone numbers, postal addresses and shipping details, tax ids, and free-form metadata
 * (operators put anything there). Ids, amounts, statuses and dates stay, so the event still reads as what happened.
 */
const PERSONAL_KEYS = new Set([
  'email', 'name', 'phone', 'address', 'shipping', 'description', 'metadata', 'tax_ids', 'billing_details', 'receipt_email',
  'customer_email', 'customer_name', 'customer_phone', 'customer_address', 'customer_shipping', 'customer_tax_ids',
  'owner', 'cardholder_name', 'account_holder_name',
]);

/** What an erasure made of one payload, and the email addresses it found there (to find their emails too). */
export interface RedactedPayload {
  payload: unknown;
  emails: string[];
  /** How many values were erased (0: nothing personal was left). */
  erased: number;
}

/** The payload with every personal value nulled; pure, the input is not changed. */
export function redactPersonalData(payload: unknown): RedactedPayload {
  const emails = new Set<string>();
  let erased = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => {
      if (!PERSONAL_KEYS.has(key)) return [key, walk(value)];
      collectEmails(value, emails);
      if (value !== null && !(typeof value === 'object' && Object.keys(value).length === 0)) erased++;
      return [key, null];
    }));
  };
  return { payload: walk(payload), emails: [...emails], erased };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function collectEmails(node: unknown, into: Set<string>): void {
  if (typeof node === 'string') {
    if (EMAIL.test(node)) into.add(node.toLowerCase());
  } else if (Array.isArray(node)) node.forEach((n) => collectEmails(n, into));
  else if (typeof node === 'object' && node !== null) Object.values(node).forEach((n) => collectEmails(n, into));
}
