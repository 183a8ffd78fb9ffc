import { createHash } from 'node:crypto';

/** The `webhook-id` of a message, from the key that makes it unique (a record's key and event type, a step's key): stable across retries. */
export function messageIdOf(key: string): string {
  return `msg_${createHash('sha256').update(key).digest('base64url').slice(0, 27)}`;
}
