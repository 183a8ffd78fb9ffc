import { EventDispatcher } from '../../services/gateway/dispatcher/event-dispatcher.service';
import { CardAttemptEntity } from '../../services/common/database/entities';
import { ingestionHarness } from '../support/ingestion-harness';

jest.setTimeout(90_000);

describe('dispatching: attempts reported by the provider count on the card', () => {
  const h = ingestionHarness();

  it('books each reported attempt once, with its network codes and class, however often it is dispatched', async () => {
    const ids = h.scenario('year');
    const card = { brand: 'mastercard', fingerprint: `fp_${ids.invoice}` };
    const first = h.failed(ids, { declineCode: 'do_not_honor', card });
    const intent = first.data.object.payments?.data[0].payment.payment_intent ?? first.data.object.payment_intent;
    Object.assign(intent.last_payment_error, { network_decline_code: '05', network_advice_code: '24' });
    await h.deliver(first);
    await h.deliver(h.failed(ids, { declineCode: 'insufficient_funds', card, invoice: { attempt_count: 2 }, ids: { ...ids, charge: `${ids.charge}_2` } }));
    await h.drain();
    await h.app.get(EventDispatcher).dispatch(await h.row(first)); // as after a crash before the outbox row was deleted
    const rows = await h.db.dataSource.manager.find(CardAttemptEntity, { where: { fingerprint: card.fingerprint }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.source, r.outcome, r.declineCode, r.networkAdviceCode, r.declineClass, r.declineRule])).toEqual([
      ['provider', 'failed', 'do_not_honor', '24', 'retry_after', 'mastercard-mac-24'],
      ['provider', 'failed', 'insufficient_funds', null, 'soft', 'stripe-funds-decline'],
    ]);
    expect(rows[0]).toMatchObject({ invoiceId: ids.invoice, chargeId: ids.charge, brand: 'mastercard' });
  });
});
