import { DataSource } from 'typeorm';
import type { PaymentAttempt } from '../../domain/billing';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { CardAttemptEntity } from '../../services/common/database/entities';
import { PostgresCardAttemptLedger } from '../../services/worker/adapters/postgres-card-attempt-ledger';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const declined = (over: Partial<PaymentAttempt> = {}): PaymentAttempt => ({ status: 'failed', declineCode: 'do_not_honor', invoiceStatus: 'open', attemptedAt: T0, ...over });

describe('PostgresCardAttemptLedger', () => {
  let dataSource: DataSource;
  let ledger: PostgresCardAttemptLedger;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    ledger = new PostgresCardAttemptLedger(dataSource);
  });
  afterAll(() => dataSource?.destroy());

  it('never lets two runs dunning one Visa card exceed 20 attempts in 30 days, even in parallel', async () => {
    const reserve = (run: string, i: number) =>
      ledger.reserve({ fingerprint: 'fp-visa-shared', cardBrand: 'Visa', at: T0 + i * 60_000, dayMs: DAY, idempotencyKey: `${run}:0:${i}` });
    const decisions = await Promise.all([...Array(12).keys()].flatMap((i) => [reserve('run:a', i), reserve('run:b', i)]));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
    const refused = decisions.filter((d) => !d.allowed);
    expect(refused).toHaveLength(4);
    for (const d of refused) expect(d).toMatchObject({ allowed: false, rule: 'visa-20-per-30d', used: 20, max: 20 });
    expect(await dataSource.manager.countBy(CardAttemptEntity, { fingerprint: 'fp-visa-shared' })).toBe(20);

    // The slot frees when the oldest attempt leaves the 30-day window, not before.
    const oldest = Math.min(...(await dataSource.manager.findBy(CardAttemptEntity, { fingerprint: 'fp-visa-shared' })).map((a) => a.attemptedAt.getTime()));
    const later = (at: number, key: string) => ledger.reserve({ fingerprint: 'fp-visa-shared', cardBrand: 'visa', at, dayMs: DAY, idempotencyKey: key });
    expect(await later(oldest + 30 * DAY - 1, 'run:c:0:1')).toMatchObject({ allowed: false, retryAt: oldest + 30 * DAY });
    expect(await later(oldest + 30 * DAY, 'run:c:0:2')).toEqual({ allowed: true });
  });

  it('answers a repeated key with its first answer and records nothing more', async () => {
    const request = { fingerprint: 'fp-repeat', cardBrand: 'visa', at: T0, dayMs: DAY, idempotencyKey: 'run:r:1:1' };
    expect(await ledger.reserve(request)).toEqual({ allowed: true });
    expect(await ledger.reserve({ ...request, at: T0 + 5_000 })).toEqual({ allowed: true });
    expect(await dataSource.manager.countBy(CardAttemptEntity, { fingerprint: 'fp-repeat' })).toBe(1);
  });

  it('holds a Mastercard to 10 declines in 24 hours across runs, counting the provider\'s own attempts', async () => {
    for (let i = 0; i < 4; i++) {
      await ledger.observe({ fingerprint: 'fp-mc', cardBrand: 'mastercard', at: T0 + i, chargeId: `ch_mc_${i}`, eventKey: `evt_${i}`, succeeded: false, declineCode: 'insufficient_funds' });
    }
    const many = await Promise.all([...Array(10).keys()].map((i) =>
      ledger.reserve({ fingerprint: 'fp-mc', cardBrand: 'mastercard', at: T0 + 10 + i, dayMs: DAY, idempotencyKey: `mc:${i}` })));
    expect(many.filter((d) => d.allowed)).toHaveLength(6);
    expect(many.find((d) => !d.allowed)).toMatchObject({ rule: 'mastercard-10-per-24h', retryAt: T0 + DAY });
    expect(await ledger.reserve({ fingerprint: 'fp-other-mc', cardBrand: 'mastercard', at: T0, dayMs: DAY, idempotencyKey: 'other:1' })).toEqual({ allowed: true });
  });

  it('records one row for a run\'s charge and the provider event about it, whichever lands first', async () => {
    const base = { fingerprint: 'fp-echo', cardBrand: 'visa', dayMs: DAY };
    await ledger.reserve({ ...base, at: T0, idempotencyKey: 'echo:1', runId: 'run-echo', invoiceId: 'in_1' });
    await ledger.settle({ fingerprint: 'fp-echo', idempotencyKey: 'echo:1', attempt: declined({ chargeId: 'ch_echo_1' }) });
    expect(await ledger.observe({ fingerprint: 'fp-echo', at: T0, chargeId: 'ch_echo_1', eventKey: 'evt_e1', succeeded: false })).toEqual({ recorded: false });
    // The event first, then the run's result: the run's row stays, the provider's copy goes.
    await ledger.reserve({ ...base, at: T0 + 1, idempotencyKey: 'echo:2', runId: 'run-echo' });
    expect(await ledger.observe({ fingerprint: 'fp-echo', at: T0 + 1, chargeId: 'ch_echo_2', eventKey: 'evt_e2', succeeded: false })).toEqual({ recorded: true });
    await ledger.settle({ fingerprint: 'fp-echo', idempotencyKey: 'echo:2', attempt: declined({ chargeId: 'ch_echo_2' }) });
    const rows = await dataSource.manager.findBy(CardAttemptEntity, { fingerprint: 'fp-echo' });
    expect(rows.map((r) => [r.source, r.chargeId, r.outcome, r.runId]).sort()).toEqual([['run', 'ch_echo_1', 'failed', 'run-echo'], ['run', 'ch_echo_2', 'failed', 'run-echo']]);
  });

  it('blocks a card for every run after a never-retry decline until another payment method is charged', async () => {
    const base = { fingerprint: 'fp-mac03', cardBrand: 'mastercard', dayMs: DAY, paymentMethodId: 'pm_a' };
    await ledger.reserve({ ...base, at: T0, idempotencyKey: 'mac:1' });
    await ledger.settle({ fingerprint: 'fp-mac03', idempotencyKey: 'mac:1', attempt: declined({ networkAdviceCode: '03', cardBrand: 'mastercard' }) });
    expect(await ledger.reserve({ ...base, at: T0 + DAY, idempotencyKey: 'other-run:1' })).toEqual({ allowed: false, blocked: true, rule: 'mastercard-mac-03', declineCode: 'do_not_honor' });
    expect(await ledger.reserve({ ...base, paymentMethodId: 'pm_b', at: T0 + DAY, idempotencyKey: 'other-run:2' })).toEqual({ allowed: true });
    const [row] = await dataSource.manager.findBy(CardAttemptEntity, { idempotencyKey: 'mac:1' });
    expect(row).toMatchObject({ declineClass: 'never_on_this_card', networkAdviceCode: '03' });
  });

  it('blocks a Visa card after a category-1 code seen only in a provider event', async () => {
    await ledger.observe({ fingerprint: 'fp-visa-r1', cardBrand: 'visa', at: T0, chargeId: 'ch_r1', eventKey: 'evt_r1', succeeded: false, declineCode: 'generic_decline', networkDeclineCode: 'R1' });
    expect(await ledger.reserve({ fingerprint: 'fp-visa-r1', cardBrand: 'visa', at: T0 + DAY, dayMs: DAY, idempotencyKey: 'r1:1' })).toMatchObject({ allowed: false, blocked: true, rule: 'visa-category-1:R1' });
  });
});
