import { DataSource } from 'typeorm';
import { SandboxBillingProvider } from '../../providers/billing/sandbox/sandbox-billing.provider';
import { SandboxInvoices } from '../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger } from '../../providers/billing/sandbox/sandbox-ledger';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { PostgresDerivedEvents } from '../../services/worker/adapters/postgres-derived-events';
import { eventsAbout } from '../support/sandbox-events';

const DAY = 86_400_000;

describe('PostgresDerivedEvents', () => {
  let dataSource: DataSource;
  let ledger: SandboxLedger;
  let invoices: SandboxInvoices;
  let derived: PostgresDerivedEvents;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    ledger = new SandboxLedger(dataSource);
    invoices = new SandboxInvoices(dataSource);
    derived = new PostgresDerivedEvents(dataSource, new SandboxBillingProvider(dataSource));
  });
  afterAll(() => dataSource?.destroy());

  async function sentInvoice() {
    const customer = await ledger.createCustomer({ email: 'ops@buyer.test', metadata: { segment: 'b2b' } });
    const dueDate = Date.UTC(2026, 2, 1);
    return invoices.create({ customerId: customer.id, amountDue: 120_00, currency: 'usd', collectionMethod: 'send_invoice', dueDate });
  }

  it('records an open invoice\'s deadline once, as a system event in the generic format, with an outbox row', async () => {
    const invoice = await sentInvoice();
    const raise = { id: `derived:invoice_overdue:${invoice.id}:7`, kind: 'invoice_overdue' as const, invoiceId: invoice.id, customerId: invoice.customerId, days: 7, occurredAt: invoice.dueDate!.getTime() + 7 * DAY };
    expect(await derived.raise(raise)).toEqual({ accepted: true });
    expect(await derived.raise(raise)).toEqual({ accepted: true }); // a retried activity: its first answer
    const events = await eventsAbout(dataSource, invoice.id, 'system');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'invoice_overdue', outboxRows: 1 });
    const n = events[0].normalized;
    expect(n.status).toBe('normalized');
    expect(n.status === 'normalized' && n.event).toMatchObject({
      id: raise.id, kind: 'invoice_overdue', days: 7, occurredAt: raise.occurredAt,
      invoice: { id: invoice.id, status: 'open', collectionMethod: 'send_invoice', dueDate: invoice.dueDate!.getTime(), amountDue: 12000 },
      customer: { id: invoice.customerId, email: 'ops@buyer.test', metadata: { segment: 'b2b' } },
    });
  });

  it('raises nothing for an invoice that is no longer open', async () => {
    const invoice = await sentInvoice();
    await invoices.void(invoice.id);
    const raise = { id: `derived:invoice_due_date_upcoming:${invoice.id}:3`, kind: 'invoice_due_date_upcoming' as const, invoiceId: invoice.id, customerId: invoice.customerId, days: 3, occurredAt: Date.now() };
    expect(await derived.raise(raise)).toEqual({ accepted: false });
    expect(await eventsAbout(dataSource, invoice.id, 'system')).toEqual([]);
  });
});
