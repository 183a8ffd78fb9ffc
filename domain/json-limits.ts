/**
 * Limits every parsed request input (JSON body, query, path) is held to before anything recursive runs or
 * anything is stored. PostgreSQL (`text`, `jsonb`) refuses two things JSON allows: the NUL character
 * (`\u0000`) and lone UTF-16 surrogates; deep or wide documents cost recursion and memory; over-long ids do
 * not fit an index entry. The walk is iterative, so no depth can overflow the stack.
 */

/** The structural limits (from config: INGRESS_MAX_DEPTH, INGRESS_MAX_WIDTH, INGRESS_MAX_ID_LENGTH). */
export interface JsonLimits {
  /** Nesting of objects and arrays; the root object is depth 1. */
  maxDepth: number;
  /** Keys of one object, or items of one array. */
  maxWidth: number;
  /** Length of a string under an id-like key (`id`, `*_id`, `*Id`, Stripe's references such as `customer`). */
  maxIdLength: number;
}

/** Why an input is refused: `too_large` (depth, width: HTTP 413) or `invalid` (strings, ids: 400). */
export interface JsonViolation {
  kind: 'too_large' | 'invalid';
  path: string;
  message: string;
}

/** Whether PostgreSQL can store the string (no NUL, no unpaired surrogate). */
export const storableText = (text: string): boolean => !text.includes('\u0000') && text.isWellFormed();

/** Stripe's reference fields: their string value is another object's id (an expanded one is an object). */
const REFERENCE_KEYS = new Set([
  'customer', 'subscription', 'invoice', 'charge', 'payment_intent', 'payment_method', 'default_payment_method', 'default_source',
  'source', 'price', 'product', 'plan', 'latest_invoice', 'latest_charge', 'schedule', 'test_clock', 'account', 'application', 'on_behalf_of',
]);

const idKey = (key: string): boolean => key === 'id' || REFERENCE_KEYS.has(key) || /(_id|[a-z]Id)$/.test(key);

/** The first violation of the limits in a parsed JSON value (or query object), or undefined. */
export function jsonViolation(value: unknown, limits: JsonLimits): JsonViolation | undefined {
  const stack: { value: unknown; path: string; depth: number; key: string }[] = [{ value, path: '', depth: 0, key: '' }];
  while (stack.length > 0) {
    const { value: node, path, depth, key } = stack.pop()!;
    const where = path || '(root)';
    if (typeof node === 'string') {
      if (!storableText(node)) return { kind: 'invalid', path: where, message: 'NUL (\\u0000) and unpaired UTF-16 surrogates are not allowed' };
      if (idKey(key) && node.length > limits.maxIdLength) {
        return { kind: 'invalid', path: where, message: `an id is at most ${limits.maxIdLength} characters` };
      }
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limits.maxDepth) return { kind: 'too_large', path: where, message: `nesting deeper than ${limits.maxDepth} levels` };
    const entries = Array.isArray(node) ? node.map((child, i) => [String(i), child] as const) : Object.entries(node);
    if (entries.length > limits.maxWidth) {
      return { kind: 'too_large', path: where, message: `more than ${limits.maxWidth} ${Array.isArray(node) ? 'items' : 'keys'}` };
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [childKey, child] = entries[i];
      const childPath = path ? `${path}.${childKey}` : childKey;
      if (!storableText(childKey)) return { kind: 'invalid', path: childPath, message: 'NUL (\\u0000) and unpaired UTF-16 surrogates are not allowed in keys' };
      stack.push({ value: child, path: childPath, depth: depth + 1, key: Array.isArray(node) ? key : childKey });
    }
  }
  return undefined;
}
