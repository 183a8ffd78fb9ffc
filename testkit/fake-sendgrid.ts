import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the fake answers one request. `accept` answers 202 (after `delayMs`: an answer later than the client's
 * timeout is an accepted email whose sender never heard back); `reset` accepts the email and then drops the
 * connection without answering; `refuse` answers `status` without accepting (SendGrid's 4xx/5xx).
 */
export type SendGridAnswer =
  | { kind: 'accept'; delayMs?: number }
  | { kind: 'reset' }
  | { kind: 'refuse'; status: number; headers?: Record<string, string>; body?: unknown };

/** One request as received: method, path, headers and the parsed JSON body. */
export interface SendGridRequest { method?: string; url?: string; headers: IncomingHttpHeaders; body: any }

/** A running fake. */
export interface FakeSendGrid {
  baseUrl: string;
  requests: SendGridRequest[];
  /** Idempotency keys (custom_args.idempotency_key) of the emails it accepted, once per acceptance. */
  accepted: string[];
  /** Decides each answer from the request's number (0-based) and body; defaults to `accept`. */
  answer: (n: number, body: any) => SendGridAnswer;
  close(): Promise<void>;
}

/** Accepted keys that were accepted more than once: emails the recipient got twice. */
export function duplicateEmails(fake: FakeSendGrid): number {
  const counts = new Map<string, number>();
  for (const key of fake.accepted) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.values()].filter((n) => n > 1).length;
}

/**
 * A stand-in for SendGrid's v3 Mail Send API (`POST /v3/mail/send`) on 127.0.0.1, over real HTTP: the SendGrid
 * client is pointed at it by its base URL. It records each request and answers as `answer` decides.
 */
export async function startFakeSendGrid(): Promise<FakeSendGrid> {
  const fake: FakeSendGrid = {
    baseUrl: '', requests: [], accepted: [], answer: () => ({ kind: 'accept' }),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const n = fake.requests.push({ method: req.method, url: req.url, headers: req.headers, body }) - 1;
      if (req.method !== 'POST' || req.url !== '/v3/mail/send' || !body) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Bad Request', field: null }] }));
        return;
      }
      const answer = fake.answer(n, body);
      const key = String(body.custom_args?.idempotency_key ?? '');
      if (answer.kind === 'refuse') {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        return;
      }
      fake.accepted.push(key);
      if (answer.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const reply = () => {
        if (!res.destroyed) res.writeHead(202, { 'x-message-id': `msg_${n}` }).end();
      };
      if (!answer.delayMs) return reply();
      const timer = setTimeout(() => { timers.delete(timer); reply(); }, answer.delayMs);
      timers.add(timer);
    });
  });
  server.on('close', () => timers.forEach(clearTimeout));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
