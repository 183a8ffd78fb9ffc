import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger, wantsPretty } from '../../services/common/logging/create-logger';
import { redactRequest } from '../../services/common/logging/redaction';
import { PinoTemporalLogger, temporalLevel } from '../../services/common/logging/temporal-logger';
import { declineClass } from '../../services/worker/telemetry/activity-metrics.interceptor';
import { rejectionReason } from '../../services/gateway/metrics/metrics.middleware';

function capture(level: string) {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => { lines.push(JSON.parse(chunk.toString())); done(); } });
  return { logger: pino({ level }, stream), lines };
}

describe('one log stream', () => {
  it('is pretty only on a developer terminal', () => {
    expect(wantsPretty('development', true)).toBe(true);
    expect(wantsPretty('development', false)).toBe(false);
    expect(wantsPretty('production', true)).toBe(false);
  });

  it('routes Temporal records into pino at the same level, and webpack stats to debug', () => {
    const { logger, lines } = capture('info');
    const temporal = new PinoTemporalLogger(logger);
    temporal.info('Worker state changed', { state: 'RUNNING' });
    temporal.info('asset workflow-bundle-1.js 1.75 MiB\nwebpack 5.112.2 compiled successfully in 3846 ms');
    temporal.debug('noise');
    temporal.error('Activity failed', { activityType: 'chargeInvoice' });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[30, 'Worker state changed'], [50, 'Activity failed']]);
  });

  it('maps LOG_LEVEL onto Temporal core levels', () => {
    expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].map(temporalLevel))
      .toEqual(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'ERROR', 'ERROR']);
  });
});

describe('request redaction', () => {
  const req = {
    id: 'r1', method: 'POST', url: '/pay/tok_secret?api_key=k1&page=2',
    headers: { authorization: 'Bearer k1', 'stripe-signature': 't=1,v1=abc', 'content-type': 'application/json' },
    query: { api_key: 'k1', page: '2' }, params: { token: 'tok_secret' },
  };

  it('censors credential headers, query parameters and route parameters, and leaves the request untouched', () => {
    const before = structuredClone(req);
    expect(redactRequest(req)).toEqual({
      id: 'r1', method: 'POST', url: '/pay/[Redacted]?api_key=[Redacted]&page=2',
      headers: { authorization: '[Redacted]', 'stripe-signature': '[Redacted]', 'content-type': 'application/json' },
      query: { api_key: '[Redacted]', page: '2' }, params: { token: '[Redacted]' },
    });
    expect(req).toEqual(before);
  });

  it('keeps the set cookies of a response out of every line', () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _e, done) => { lines.push(chunk.toString()); done(); } });
    createLogger({ logLevel: 'info', env: 'production' }, 'gateway', false, stream).info({ res: { headers: { 'set-cookie': 'sid=s3cret' } } }, 'done');
    expect(lines.join('')).not.toContain('s3cret');
  });
});

describe('metric labels', () => {
  it('classes declines and rejections into bounded labels', () => {
    expect([undefined, 'stolen_card', 'insufficient_funds', 'generic_decline'].map(declineClass)).toEqual(['none', 'hard', 'funds', 'soft']);
    expect([400, 413, 415, 429, 503, 422, 409, 404].map(rejectionReason)).toEqual(['invalid', 'too_large', 'unsupported_media_type', 'rate_limited', 'unavailable', 'invalid', 'conflict', 'client_error']);
  });
});
