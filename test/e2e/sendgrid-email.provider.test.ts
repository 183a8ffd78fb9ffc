import { EmailProviderError, type OutgoingEmail } from '../../providers/email/email-provider';
import { SendGridEmailProvider } from '../../providers/email/sendgrid/sendgrid-email.provider';
import { EmailErrorType } from '../../providers/email/email-errors';
import { startFakeSendGrid, type FakeSendGrid, type SendGridAnswer } from '../../testkit/fake-sendgrid';

// The testkit's stand-in for SendGrid's v3 Mail Send API on 127.0.0.1: it records each request and answers what
// the test scripted, so the adapter's request and its reading of every answer are checked over real HTTP.
const API_KEY = 'SG.test-key.not-a-secret';
let fake: FakeSendGrid;
let baseUrl: string;
let requests: FakeSendGrid['requests'];
let answer: SendGridAnswer;

beforeAll(async () => {
  fake = await startFakeSendGrid();
  baseUrl = fake.baseUrl;
  fake.answer = () => answer;
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  requests = fake.requests;
  answer = { kind: 'accept' };
});

const email: OutgoingEmail = {
  idempotencyKey: 'run:auto_1:invoice:in_1:3',
  from: 'billing@acme.test',
  to: ['ada@example.com'],
  subject: 'Your payment failed',
  html: '<p>Hello <strong>Ada</strong></p>',
  text: 'Hello Ada',
  template: 'payment_failed',
  tags: { run_id: 'run:auto_1:invoice:in_1', automation_id: 'auto_1' },
};
const provider = () => new SendGridEmailProvider({ apiKey: API_KEY, baseUrl, timeoutMs: 5_000 });
const sendError = (p = provider()) => p.send(email).then(() => undefined, (e: unknown) => e as EmailProviderError);

describe('SendGridEmailProvider', () => {
  it('posts the v3 mail body and reads the message id from a 202', async () => {
    await expect(provider().send(email)).resolves.toEqual({ provider: 'sendgrid', providerMessageId: 'msg_0' });
    expect(requests).toHaveLength(1);
    const [{ method, url, headers, body }] = requests;
    expect([method, url]).toEqual(['POST', '/v3/mail/send']);
    expect(headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(body).toEqual({
      from: { email: 'billing@acme.test' },
      subject: 'Your payment failed',
      personalizations: [{ to: [{ email: 'ada@example.com' }] }],
      content: [
        { type: 'text/plain', value: 'Hello Ada' },
        { type: 'text/html', value: '<p>Hello <strong>Ada</strong></p>' },
      ],
      categories: ['payment_failed'],
      custom_args: {
        idempotency_key: 'run:auto_1:invoice:in_1:3', template: 'payment_failed',
        run_id: 'run:auto_1:invoice:in_1', automation_id: 'auto_1',
      },
    });
  });

  it('never lets a tag override the idempotency key, and turns on sandbox mode when asked', async () => {
    const sandboxed = new SendGridEmailProvider({ apiKey: API_KEY, baseUrl, sandboxMode: true });
    await sandboxed.send({ ...email, tags: { idempotency_key: 'forged' } });
    expect(requests[0].body.custom_args.idempotency_key).toBe('run:auto_1:invoice:in_1:3');
    expect(requests[0].body.mail_settings).toEqual({ sandbox_mode: { enable: true } });
  });

  it('maps 400 to a non-retryable invalid_email with SendGrid\'s reasons', async () => {
    answer = { kind: 'refuse', status: 400, body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }] } };
    const err = await sendError();
    expect(err).toBeInstanceOf(EmailProviderError);
    expect(err).toMatchObject({ type: EmailErrorType.InvalidEmail, retryable: false, status: 400 });
    expect(err!.message).toBe('SendGrid answered 400: personalizations.0.to.0.email: Does not contain a valid address.');
  });

  it.each([401, 403])('maps %s to a non-retryable auth error that does not quote the key', async (status) => {
    answer = { kind: 'refuse', status, body: { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null }] } };
    const err = await sendError();
    expect(err).toMatchObject({ type: EmailErrorType.Auth, retryable: false, status });
    expect(err!.message).not.toContain(API_KEY);
  });

  it('maps 429 to a retryable rate limit', async () => {
    answer = { kind: 'refuse', status: 429, headers: { 'x-ratelimit-reset': '1700000000' }, body: { errors: [{ message: 'too many requests' }] } };
    await expect(sendError()).resolves.toMatchObject({ type: EmailErrorType.RateLimited, retryable: true, status: 429 });
  });

  it.each([500, 502, 503])('maps %s to a retryable unavailable', async (status) => {
    answer = { kind: 'refuse', status, body: { errors: [{ message: 'internal error' }] } };
    await expect(sendError()).resolves.toMatchObject({ type: EmailErrorType.Unavailable, retryable: true, status });
  });

  it('maps a refused connection to a retryable unavailable', async () => {
    const closed = new SendGridEmailProvider({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1', timeoutMs: 2_000 });
    await expect(sendError(closed)).resolves.toMatchObject({ type: EmailErrorType.Unavailable, retryable: true, message: 'SendGrid unreachable (ECONNREFUSED)' });
  });

  it('maps an answer later than the timeout to a non-retryable unknown outcome (the email may have gone out)', async () => {
    answer = { kind: 'accept', delayMs: 3_000 };
    const quick = new SendGridEmailProvider({ apiKey: API_KEY, baseUrl, timeoutMs: 300 });
    await expect(sendError(quick)).resolves.toMatchObject({ type: EmailErrorType.OutcomeUnknown, retryable: false });
    expect(quick.idempotent).toBe(false);
    expect(quick.maxSendMs).toBe(300);
  });

  it('maps a connection reset after the request left to a non-retryable unknown outcome', async () => {
    answer = { kind: 'reset' };
    await expect(sendError()).resolves.toMatchObject({ type: EmailErrorType.OutcomeUnknown, retryable: false, message: 'SendGrid did not answer (ECONNRESET): the email may have been sent' });
  });

  it('refuses an email without recipients before any request, not retryable', async () => {
    const err = await provider().send({ ...email, to: [] }).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ type: EmailErrorType.InvalidEmail, retryable: false });
    expect(requests).toHaveLength(0);
  });
});
