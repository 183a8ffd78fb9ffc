import { redactPersonalData } from '../../domain/personal-data';
import { stripeFixture } from '../../testkit/stripe-events';

describe('redactPersonalData', () => {
  it('nulls names, addresses, phones, emails and metadata at any depth, keeping ids, amounts and statuses', () => {
    const payload = {
      id: 'evt_1', type: 'invoice.payment_failed',
      data: { object: {
        id: 'in_1', customer: 'cus_1', amount_due: 1200, status: 'open',
        customer_email: 'Jane@Customer.test', customer_name: 'Jane Doe', customer_address: { line1: '1 Main St', city: 'Paris' },
        charge: { id: 'ch_1', billing_details: { email: 'jane+billing@customer.test', name: 'J. Doe' }, receipt_email: 'r@customer.test' },
        metadata: { note: 'call Jane on +33 6' },
        lines: { data: [{ id: 'il_1', amount: 1200 }] },
      } },
    };
    const { payload: redacted, emails, erased } = redactPersonalData(payload);
    expect(redacted).toEqual({
      id: 'evt_1', type: 'invoice.payment_failed',
      data: { object: {
        id: 'in_1', customer: 'cus_1', amount_due: 1200, status: 'open',
        customer_email: null, customer_name: null, customer_address: null,
        charge: { id: 'ch_1', billing_details: null, receipt_email: null },
        metadata: null, lines: { data: [{ id: 'il_1', amount: 1200 }] },
      } },
    });
    expect(emails.sort()).toEqual(['jane+billing@customer.test', 'jane@customer.test', 'r@customer.test']);
    expect(erased).toBe(6);
    expect(payload.data.object.customer_name).toBe('Jane Doe'); // the input is left as it was
  });

  it('leaves no personal field of Stripe\'s own customer, invoice, charge and payment method objects', () => {
    for (const name of ['customer', 'invoice', 'charge', 'payment_method'] as const) {
      const object: Record<string, unknown> = { ...stripeFixture('current', name), email: 'jenny.rosen@example.com', name: 'Jenny Rosen', customer_email: 'jenny.rosen@example.com' };
      const text = JSON.stringify(redactPersonalData(object).payload);
      expect(text).not.toMatch(/jenny|rosen/i);
      expect(text).toContain(`"id":"${String(object.id)}"`);
    }
  });

  it('finds nothing more in what it erased', () => {
    const once = redactPersonalData({ customer: { id: 'cus_1', email: 'a@b.test', metadata: { a: '1' } } });
    expect(redactPersonalData(once.payload)).toEqual({ payload: once.payload, emails: [], erased: 0 });
  });
});
