import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import type { InvoiceStatus, PaymentAttempt } from '../../domain/billing';
import { invoice } from '../../testkit/automation-fixtures';
import { FakeBilling } from '../../testkit/fake-billing';
import { InMemoryCardLedger, inMemoryDeps } from '../support/in-memory-ports';

const HOUR = 3_600_000;

/*
 * Stripe keeps an idempotency key for 24 hours: a charge retried later with the same key is a new charge. The
 * provider below behaves that way (it remembers no key at all), charges the invoice on the first attempt and
 * loses the answer (a reset). The activity's retry, 25 hours on, must find the invoice paid and not charge it.
 */
describe('a charge retried after the provider\'s idempotency window', () => {
  it('re-reads the invoice before charging and answers the paid invoice instead of charging twice', async () => {
    let status: InvoiceStatus = 'open';
    const charges: string[] = [];
    const billing = new FakeBilling({
      unknownIds: 'invent',
      payInvoice: async (_id, { idempotencyKey }): Promise<PaymentAttempt> => {
        charges.push(idempotencyKey);
        status = 'paid';
        if (charges.length === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }); // charged, answer lost
        return { status: 'succeeded', invoiceStatus: 'paid', cardBrand: 'visa', attemptedAt: 0 };
      },
    });
    billing.getInvoice = async (id: string) => invoice({ id, status });
    const acts = createActivities(inMemoryDeps({ billing, cardLedger: new InMemoryCardLedger() }));
    const input = { invoiceId: 'in_1', idempotencyKey: 'run:a1:invoice:in_1:first:0:1', at: Date.UTC(2026, 2, 3), dayMs: 24 * HOUR };

    await expect(new MockActivityEnvironment({ attempt: 1 }).run(acts.chargeInvoice, input)).rejects.toThrow('socket hang up');
    const later = new MockActivityEnvironment({ attempt: 2, scheduledTimestampMs: input.at, currentAttemptScheduledTimestampMs: input.at + 25 * HOUR });
    await expect(later.run(acts.chargeInvoice, input)).resolves.toEqual({ status: 'closed', invoiceStatus: 'paid' });
    expect(charges).toEqual([input.idempotencyKey]);
  });
});
