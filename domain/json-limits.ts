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

/** One node still to visit; its path is spelled out only when it is refused (most inputs pass). */
interface Frame {
  value: unknown;
  parent: Frame | undefined;
  /** Its key in the parent object, or its index in the parent array. */
  key: string;
  depth: number;
  /** The key an id check applies to: its own, or for an array item the array's key. */
  idKey: string;
}

function pathOf(frame: Frame, extra?: string): string {
  const parts: string[] = extra === undefined ? [] : [extra];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) parts.push(f.key);
  return parts.reverse().join('.') || '(root)';
}

/** The first violation of the limits in a parsed JSON value (or query object), or undefined. */
export function jsonViolation(value: unknown, limits: JsonLimits): JsonViolation | undefined {
  const stack: Frame[] = [{ value, parent: undefined, key: '', depth: 0, idKey: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.value;
    if (typeof node === 'string') {
      if (!storableText(node)) return { kind: 'invalid', path: pathOf(frame), message: 'NUL (\\u0000) and unpaired UTF-16 surrogates are not allowed' };
      if (node.length > limits.maxIdLength && idKey(frame.idKey)) {
        return { kind: 'invalid', path: pathOf(frame), message: `an id is at most ${limits.maxIdLength} characters` };
      }
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (frame.depth + 1 > limits.maxDepth) return { kind: 'too_large', path: pathOf(frame), message: `nesting deeper than ${limits.maxDepth} levels` };
    const depth = frame.depth + 1;
    if (Array.isArray(node)) {
      if (node.length > limits.maxWidth) return { kind: 'too_large', path: pathOf(frame), message: `more than ${limits.maxWidth} items` };
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], parent: frame, key: String(i), depth, idKey: frame.idKey });
      continue;
    }
    const keys = Object.keys(node);
    if (keys.length > limits.maxWidth) return { kind: 'too_large', path: pathOf(frame), message: `more than ${limits.maxWidth} keys` };
    for (let i = keys.length - 1; i >= 0; i--) {
      const childKey = keys[i];
      if (!storableText(childKey)) {
        return { kind: 'invalid', path: pathOf(frame, childKey), message: 'NUL (\\u0000) and unpaired UTF-16 surrogates are not allowed in keys' };
      }
      stack.push({ value: (node as Record<string, unknown>)[childKey], parent: frame, key: childKey, depth, idKey: childKey });
    }
  }
  return undefined;
}
