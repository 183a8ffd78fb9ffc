import { context, propagation, type Context } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** The header that names one request end to end (HTTP, outbox row, workflow and activity headers, logs). */
export const REQUEST_ID_HEADER = 'x-request-id';

const storage = new AsyncLocalStorage<{ requestId: string }>();
const acceptable = /^[\w.:-]{1,128}$/;

/** The caller's request id when it is a sane token, else a new UUID. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && acceptable.test(header) ? header : randomUUID();
}

const ids = new WeakMap<IncomingMessage, string>();

/** The request's id: the caller's `x-request-id` when sane, else a new one; echoed on the response. Same for pino-http. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  let id = ids.get(req);
  if (!id) {
    id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    ids.set(req, id);
    res.setHeader(REQUEST_ID_HEADER, id);
  }
  return id;
}

/** Runs `fn` with `requestId` as the current request id (read by recordEvent, the Temporal client and logs). */
export function withRequestId<T>(requestId: string | null | undefined, fn: () => T): T {
  return requestId ? storage.run({ requestId }, fn) : fn();
}

/** The request id of the work in progress, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The active trace context as W3C headers (`traceparent`, `tracestate`), or null when there is none (tracing off). */
export function currentTraceCarrier(): Record<string, string> | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length ? carrier : null;
}

/** The context a stored carrier names (the active one when there is none). */
export function contextFromCarrier(carrier: Record<string, string> | null | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier) : context.active();
}
