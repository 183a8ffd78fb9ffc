import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { CardAttemptEntity } from '../../services/common/database/entities';
import { PostgresCardAttemptLedger } from '../../services/worker/adapters/postgres-card-attempt-ledger';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

describe('PostgresCardAttemptLedger', () => {
  let dataSource: DataSource;
  let ledger: PostgresCardAttemptLedger;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    ledger = new PostgresCardAttemptLedger(dataSource);
  });
  afterAll(() => dataSource?.destroy());

  it('never lets two runs dunning one Visa card exceed 15 attempts in 30 days, even in parallel', async () => {
    const reserve = (run: string, i: number) =>
      ledger.reserve({ fingerprint: 'fp-visa-shared', cardBrand: 'Visa', at: T0 + i * 60_000, dayMs: DAY, idempotencyKey: `${run}:0:${i}` });
    const decisions = await Promise.all([...Array(12).keys()].flatMap((i) => [reserve('run:a', i), reserve('run:b', i)]));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(15);
    const refused = decisions.filter((d) => !d.allowed);
    expect(refused).toHaveLength(9);
    for (const d of refused) expect(d).toMatchObject({ allowed: false, attemptsInWindow: 15 });
    expect(await dataSource.manager.countBy(CardAttemptEntity, { fingerprint: 'fp-visa-shared' })).toBe(15);

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

  it('records but does not cap brands without a network rule, and counts per card, not per brand', async () => {
    const many = await Promise.all([...Array(20).keys()].map((i) =>
      ledger.reserve({ fingerprint: 'fp-mc', cardBrand: 'mastercard', at: T0 + i, dayMs: DAY, idempotencyKey: `mc:${i}` })));
    expect(many.every((d) => d.allowed)).toBe(true);
    expect(await ledger.reserve({ fingerprint: 'fp-other-visa', cardBrand: 'visa', at: T0, dayMs: DAY, idempotencyKey: 'other:1' })).toEqual({ allowed: true });
  });
});
