import { CardAttemptStore } from '../../services/common/database/card-attempt-store';
import { eventually } from '../support/ingestion-app';
import { paymentFailedEvent, problemOf, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(120_000);

const DAY = 86_400_000;

describe('admin API: /v1/cards/{fingerprint}/attempts', () => {
  let api: AdminApp;
  beforeAll(async () => {
    api = await startAdminApp();
  });
  afterAll(() => api?.close());

  it('lists every attempt on the card, the provider\'s and the runs\', with codes, class and the budgets left', async () => {
    const fingerprint = 'fpCardsApiMc01';
    const now = Date.now();
    // The provider's own first attempt arrives as a generic event with the network's codes…
    const event = paymentFailedEvent({ declineCode: 'do_not_honor', occurredAt: new Date(now - 2 * 3_600_000).toISOString() });
    Object.assign(event.attempt, { card_brand: 'mastercard', card_fingerprint: fingerprint, network_decline_code: '05', network_advice_code: '24', charge_id: 'ch_cards_1' });
    await api.post('/v1/events', event).expect(202);
    // …and a run's charge is reserved and settled through the ledger the worker uses.
    const ledger = new CardAttemptStore(api.db.dataSource);
    await eventually(async () => (await api.get(`/v1/cards/${fingerprint}/attempts`)).status === 200);
    await ledger.reserve({ fingerprint, cardBrand: 'mastercard', at: now - 3_600_000, dayMs: DAY, idempotencyKey: 'run:x:0:1', runId: 'run:x', invoiceId: event.invoice.id, paymentMethodId: 'pm_1' });
    await ledger.settle({ fingerprint, idempotencyKey: 'run:x:0:1', attempt: { status: 'failed', declineCode: 'do_not_honor', networkAdviceCode: '03', cardBrand: 'mastercard', chargeId: 'ch_cards_2', invoiceStatus: 'open', attemptedAt: now - 3_600_000 } });

    const { body } = await api.get(`/v1/cards/${fingerprint}/attempts`).expect(200);
    expect(body).toMatchObject({ fingerprint, brand: 'mastercard', blockedBy: 'mastercard-mac-03' });
    expect(body.attempts).toEqual([
      expect.objectContaining({ source: 'provider', outcome: 'failed', invoiceId: event.invoice.id, runId: null, declineCode: 'do_not_honor', networkDeclineCode: '05', networkAdviceCode: '24', declineClass: 'retry_after', declineRule: 'mastercard-mac-24', at: new Date(now - 2 * 3_600_000).toISOString() }),
      expect.objectContaining({ source: 'run', outcome: 'failed', runId: 'run:x', chargeId: 'ch_cards_2', networkAdviceCode: '03', declineClass: 'never_on_this_card', declineRule: 'mastercard-mac-03' }),
    ]);
    expect(body.budgets).toEqual([
      { rule: 'mastercard-10-per-24h', maxAttempts: 10, windowHours: 24, used: 2, remaining: 8, nextSlotAt: null },
      { rule: 'mastercard-35-per-30d', maxAttempts: 35, windowHours: 720, used: 2, remaining: 33, nextSlotAt: null },
    ]);

    const gql = await api.gql(`query($f: String!) { cardAttempts(fingerprint: $f) { brand blockedBy attempts { at source declineRule } budgets { rule remaining } } }`, { f: fingerprint });
    expect(gql.data.cardAttempts).toEqual({
      brand: 'mastercard', blockedBy: 'mastercard-mac-03',
      attempts: body.attempts.map((a: { at: string; source: string; declineRule: string }) => ({ at: a.at, source: a.source, declineRule: a.declineRule })),
      budgets: [{ rule: 'mastercard-10-per-24h', remaining: 8 }, { rule: 'mastercard-35-per-30d', remaining: 33 }],
    });
  });

  it('answers an unknown card or a malformed fingerprint with a 404 problem', async () => {
    expect(problemOf(await api.get('/v1/cards/fpNeverSeen/attempts'), 404).detail).toBe('No attempt on card fpNeverSeen');
    problemOf(await api.get('/v1/cards/bad%20print/attempts'), 404);
    expect((await api.gql('{ cardAttempts(fingerprint: "fpNeverSeen") { brand } }')).errors?.[0].extensions).toMatchObject({ status: 404 });
  });
});
