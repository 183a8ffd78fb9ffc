/*
 * Typed calls of every operation of /openapi.json, compiled by test/e2e/openapi-client.test.ts against the
 * client openapi-typescript generates (`./api` exists only in that test's temp dir, hence the exclusion from
 * the project's tsconfig). Each call uses the operation as a client would; the @ts-expect-error lines prove
 * that the generated types bite (a wrong body must not compile).
 */
import createClient from 'openapi-fetch';
import type { paths } from './api';

const api = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000', headers: { Authorization: 'Bearer key' } });
const id = { params: { path: { id: 'x' } } };

/** One call per operation, keyed `method path` (the test compares the keys with the document's). */
export const calls = {
  'get /health/live': () => api.GET('/health/live'),
  'get /health/ready': () => api.GET('/health/ready'),
  'post /webhooks/stripe': () => api.POST('/webhooks/stripe', { params: { header: { 'stripe-signature': 't=1,v1=x' } }, body: { id: 'evt_1' } }),

  'post /v1/automations': async () => {
    const { data } = await api.POST('/v1/automations', {
      body: {
        name: 'Annual', trigger: { type: 'invoice_overdue', days: 3 },
        filters: { all: [{ type: 'subscription_interval', interval: 'year' }, { any: [{ type: 'product', in: ['prod_1'] }] }] },
        steps: [{ type: 'retry_payment', policy: { type: 'smart', window: '2m', maxRetries: 8 } }, { type: 'wait', days: 7 }, { type: 'cancel_subscription' }],
      },
    });
    const first: string | undefined = data?.definition.steps[0].type;
    return first;
  },
  'get /v1/automations': () => api.GET('/v1/automations', { params: { query: { limit: 10, status: 'enabled', trigger: 'invoice_overdue' } } }),
  'post /v1/automations/reorder': () => api.POST('/v1/automations/reorder', { body: { ids: ['a', 'b'] } }),
  'get /v1/automations/{id}': () => api.GET('/v1/automations/{id}', id),
  'patch /v1/automations/{id}': () => api.PATCH('/v1/automations/{id}', { ...id, body: { filters: null, steps: [{ type: 'send_customer_email', template: 'payment_failed' }] } }),
  'post /v1/automations/{id}': () => api.POST('/v1/automations/{id}', { ...id, body: { name: 'Renamed', priority: 5 } }),
  'delete /v1/automations/{id}': () => api.DELETE('/v1/automations/{id}', id),
  'get /v1/automations/{id}/versions': () => api.GET('/v1/automations/{id}/versions', { params: { path: { id: 'x' }, query: { limit: 5 } } }),
  'get /v1/automations/{id}/versions/{version}': () => api.GET('/v1/automations/{id}/versions/{version}', { params: { path: { id: 'x', version: 1 } } }),
  'post /v1/automations/{id}/disable': () => api.POST('/v1/automations/{id}/disable', { ...id, body: { mode: 'cancel' } }),
  'post /v1/automations/{id}/enable': () => api.POST('/v1/automations/{id}/enable', id),
  'post /v1/automations/{id}/preview': async () => {
    const { data } = await api.POST('/v1/automations/{id}/preview', {
      ...id, body: { event: { id: 'evt_1', type: 'invoice_payment_failed', occurred_at: '2026-01-10T12:00:00Z', invoice: { id: 'in_1', customer_id: 'cus_1', status: 'open', amount_due: 100, currency: 'usd' } } },
    });
    const starts: boolean | undefined = data?.wouldStartRun;
    return starts;
  },

  'post /v1/retry-policies': () => api.POST('/v1/retry-policies', { body: { name: 'Two weeks', policy: { type: 'custom', days: [1, 3, 5] } } }),
  'get /v1/retry-policies': () => api.GET('/v1/retry-policies', { params: { query: { limit: 20 } } }),
  'get /v1/retry-policies/{id}': () => api.GET('/v1/retry-policies/{id}', id),
  'patch /v1/retry-policies/{id}': () => api.PATCH('/v1/retry-policies/{id}', { ...id, body: { policy: { type: 'smart', window: '1w', maxRetries: 3 } } }),
  'delete /v1/retry-policies/{id}': () => api.DELETE('/v1/retry-policies/{id}', id),
  'post /v1/retry-policies/{id}/backtest': async () => {
    const { data } = await api.POST('/v1/retry-policies/{id}/backtest', { ...id, body: { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' } });
    const before: number | undefined = data?.totals.retryBeforePayment;
    // @ts-expect-error: the period needs both ends
    await api.POST('/v1/retry-policies/{id}/backtest', { ...id, body: { from: '2026-01-01T00:00:00Z' } });
    return before;
  },

  'post /v1/webhook-endpoints': async () => {
    const { data } = await api.POST('/v1/webhook-endpoints', { body: { url: 'https://hooks.example.com/dunning', eventTypes: ['run.started', 'run.ended'] } });
    // @ts-expect-error: eventTypes is a list, not one type
    await api.POST('/v1/webhook-endpoints', { body: { url: 'https://hooks.example.com/x', eventTypes: 'run.ended' } });
    const secret: string | null | undefined = data?.secret;
    return secret;
  },
  'get /v1/webhook-endpoints': () => api.GET('/v1/webhook-endpoints', { params: { query: { limit: 10 } } }),
  'get /v1/webhook-endpoints/{id}': async () => {
    const { data } = await api.GET('/v1/webhook-endpoints/{id}', id);
    const status: 'active' | 'failing' | undefined = data?.status;
    return status;
  },
  'patch /v1/webhook-endpoints/{id}': () => api.PATCH('/v1/webhook-endpoints/{id}', { ...id, body: { enabled: false, eventTypes: ['*'] } }),
  'delete /v1/webhook-endpoints/{id}': () => api.DELETE('/v1/webhook-endpoints/{id}', id),
  'post /v1/webhook-endpoints/{id}/rotate-secret': () => api.POST('/v1/webhook-endpoints/{id}/rotate-secret', { ...id, body: { graceSeconds: 3600 } }),
  'post /v1/webhook-endpoints/{id}/enable': () => api.POST('/v1/webhook-endpoints/{id}/enable', id),
  'get /v1/webhook-endpoints/{id}/deliveries': () => api.GET('/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: 'x' }, query: { status: 'failed', limit: 5 } } }),

  'get /v1/cards/{fingerprint}/attempts': async () => {
    const { data } = await api.GET('/v1/cards/{fingerprint}/attempts', { params: { path: { fingerprint: 'fp_1' } } });
    const attempts: number | undefined = data?.attempts.length;
    return attempts;
  },

  'delete /v1/customers/{id}/personal-data': async () => {
    const { data } = await api.DELETE('/v1/customers/{id}/personal-data', id);
    const erased: number | undefined = data?.events;
    return erased;
  },

  'get /v1/runs': async () => {
    const { data } = await api.GET('/v1/runs', { params: { query: { status: 'running', customerId: 'cus_1' } } });
    const next: string | null | undefined = data?.nextStartingAfter;
    return next;
  },
  'get /v1/runs/{id}': async () => {
    const { data } = await api.GET('/v1/runs/{id}', id);
    const attempt: number | undefined = data?.steps[0]?.attempt;
    return attempt;
  },
  'post /v1/runs/{id}/cancel': () => api.POST('/v1/runs/{id}/cancel', { ...id, body: { reason: 'customer asked' } }),
  'post /v1/runs/{id}/restart': () => api.POST('/v1/runs/{id}/restart', { ...id, body: { version: 'current' } }),
  'post /v1/runs/{id}/skip-wait': () => api.POST('/v1/runs/{id}/skip-wait', id),
  'get /v1/analytics/recovery': () => api.GET('/v1/analytics/recovery', { params: { query: { period: 'month' } } }),

  'post /v1/events': async () => {
    const { data, response } = await api.POST('/v1/events', {
      body: { id: 'evt_1', type: 'customer_created', occurred_at: '2026-01-10T12:00:00Z', customer: { id: 'cus_1', email: 'a@b.test' } },
    });
    const duplicate: boolean | undefined = data?.duplicate;
    return [duplicate, response.status];
  },
  'get /v1/events': () => api.GET('/v1/events', { params: { query: { type: 'invoice.payment_failed', status: 'dispatched' } } }),
  'get /v1/events/{id}': async () => {
    const { data } = await api.GET('/v1/events/{id}', id);
    const subject: string | undefined = data?.subject?.type;
    return subject;
  },

  'get /v1/emails': () => api.GET('/v1/emails', { params: { query: { template: 'payment_failed', to: 'a@b.test', status: 'unknown' } } }),
  'get /v1/emails/{id}': async () => (await api.GET('/v1/emails/{id}', id)).data?.html,
  'post /v1/emails/{id}/resend': async () => (await api.POST('/v1/emails/{id}/resend', id)).data?.resentBy,
  'get /v1/email-templates': async () => (await api.GET('/v1/email-templates')).data?.data[0].content.subject,
  'get /v1/email-templates/{name}/versions': () => api.GET('/v1/email-templates/{name}/versions', { params: { path: { name: 'payment_failed' }, query: { language: 'fr' } } }),
  'post /v1/email-templates/{name}/versions': async () => {
    const { data } = await api.POST('/v1/email-templates/{name}/versions', {
      params: { path: { name: 'payment_failed' } },
      body: { language: 'fr', subject: 'Paiement refusé', body: '<mj-text>Bonjour {{customer.name}}</mj-text>', text: 'Bonjour {{customer.name}}' },
    });
    const version: number | undefined = data?.version;
    return version;
  },
  'post /v1/email-templates/{name}/preview': async () =>
    (await api.POST('/v1/email-templates/{name}/preview', { params: { path: { name: 'payment_failed' } }, body: { language: 'en', runId: 'run:a:invoice:in_1' } })).data?.html,

  'post /v1/sandbox/customers': () => api.POST('/v1/sandbox/customers', { body: { email: 'a@b.test', metadata: { plan: 'pro' } } }),
  'get /v1/sandbox/customers': async () => (await api.GET('/v1/sandbox/customers')).data?.data[0]?.email,
  'get /v1/sandbox/customers/{id}': async () => (await api.GET('/v1/sandbox/customers/{id}', id)).data?.paymentMethods[0]?.last4,
  'post /v1/sandbox/customers/{id}/payment-methods': () =>
    api.POST('/v1/sandbox/customers/{id}/payment-methods', { ...id, body: { brand: 'visa', nextOutcomes: [{ outcome: 'decline', declineCode: 'insufficient_funds' }] } }),
  'post /v1/sandbox/customers/{id}/default-payment-method': () => api.POST('/v1/sandbox/customers/{id}/default-payment-method', { ...id, body: { paymentMethodId: 'pm_1' } }),
  'get /v1/sandbox/payment-methods/{id}': () => api.GET('/v1/sandbox/payment-methods/{id}', id),
  'post /v1/sandbox/payment-methods/{id}/expiry': () => api.POST('/v1/sandbox/payment-methods/{id}/expiry', { ...id, body: { expMonth: 12, expYear: 2031 } }),
  'post /v1/sandbox/payment-methods/{id}/script': () => api.POST('/v1/sandbox/payment-methods/{id}/script', { ...id, body: { outcome: 'succeed' } }),
  'post /v1/sandbox/products': () => api.POST('/v1/sandbox/products', { body: { name: 'Pro' } }),
  'get /v1/sandbox/products': () => api.GET('/v1/sandbox/products'),
  'get /v1/sandbox/products/{id}': async () => (await api.GET('/v1/sandbox/products/{id}', id)).data?.prices[0]?.unitAmount,
  'post /v1/sandbox/prices': () => api.POST('/v1/sandbox/prices', { body: { productId: 'prod_1', unitAmount: 1200, currency: 'usd', interval: 'year' } }),
  'get /v1/sandbox/prices/{id}': () => api.GET('/v1/sandbox/prices/{id}', id),
  'post /v1/sandbox/subscriptions': () => api.POST('/v1/sandbox/subscriptions', { body: { customerId: 'cus_1', priceId: 'price_1' } }),
  'get /v1/sandbox/subscriptions': () => api.GET('/v1/sandbox/subscriptions', { params: { query: { customerId: 'cus_1' } } }),
  'get /v1/sandbox/subscriptions/{id}': () => api.GET('/v1/sandbox/subscriptions/{id}', id),
  'post /v1/sandbox/subscriptions/{id}/cancel': async () => (await api.POST('/v1/sandbox/subscriptions/{id}/cancel', { ...id, body: {} })).data?.status,
  'post /v1/sandbox/invoices': () => api.POST('/v1/sandbox/invoices', { body: { customerId: 'cus_1', amountDue: 1200, currency: 'usd' } }),
  'get /v1/sandbox/invoices': () => api.GET('/v1/sandbox/invoices', { params: { query: { status: 'open' } } }),
  'get /v1/sandbox/invoices/{id}': async () => (await api.GET('/v1/sandbox/invoices/{id}', id)).data?.charges[0]?.declineCode,
  'post /v1/sandbox/invoices/{id}/attempt': async () => (await api.POST('/v1/sandbox/invoices/{id}/attempt', { ...id, body: { idempotencyKey: 'k' } })).data?.invoiceStatus,
  'post /v1/sandbox/invoices/{id}/pay': () => api.POST('/v1/sandbox/invoices/{id}/pay', id),
  'post /v1/sandbox/invoices/{id}/void': () => api.POST('/v1/sandbox/invoices/{id}/void', id),
  'post /v1/sandbox/invoices/{id}/mark-uncollectible': () => api.POST('/v1/sandbox/invoices/{id}/mark-uncollectible', id),
};

/** Calls the generated types must refuse. */
export const refused = [
  // @ts-expect-error a trigger type that does not exist
  () => api.POST('/v1/automations', { body: { name: 'x', trigger: { type: 'nope' }, steps: [{ type: 'cancel_subscription' }] } }),
  // @ts-expect-error a step without its required days
  () => api.POST('/v1/automations', { body: { name: 'x', trigger: { type: 'customer_created' }, steps: [{ type: 'wait' }] } }),
  // @ts-expect-error a generic event without occurred_at
  () => api.POST('/v1/events', { body: { id: 'evt_1', type: 'customer_created' } }),
  // @ts-expect-error an unknown run status
  () => api.GET('/v1/runs', { params: { query: { status: 'lost' } } }),
];
