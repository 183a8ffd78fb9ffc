/**
 * Parsed bodies the input guard has already held to the ingress limits, by identity: the ingest service
 * checks every payload it stores (the sandbox and timers reach it without HTTP), and skips the second walk of
 * a webhook body the guard has just walked. A body rebuilt after the guard (a transformed DTO) is another
 * object and is checked again; the webhook path hands on the parsed body itself, unchanged.
 */
const checked = new WeakSet<object>();

export function markInputChecked(value: object): void {
  checked.add(value);
}

export function inputChecked(value: unknown): boolean {
  return typeof value === 'object' && value !== null && checked.has(value);
}
