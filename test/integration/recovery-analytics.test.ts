import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RunRecord } from '../../activities/deps';
import { ATTEMPTED_RECOVERY_RULE } from '../../domain/recovery-analytics';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { PostgresRunRecorder } from '../../services/worker/adapters/postgres-run-recorder';
import { AnalyticsService } from '../../services/gateway/analytics/analytics.service';
import { recipe1, recipe2 } from '../../testkit/automation-fixtures';

// A day of its own, so other tests' runs stay out of the figures.
const T0 = Date.UTC(2019, 5, 1, 12);
const HOUR = 3_600_000;

describe('recovery analytics', () => {
  let dataSource: DataSource;
  let recorder: PostgresRunRecorder;
  const payment = randomUUID();
  const emailOnly = randomUUID();

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    recorder = new PostgresRunRecorder(dataSource);
    for (const [id, def] of [[payment, recipe1], [emailOnly, recipe2]] as const) {
      await dataSource.query('INSERT INTO automation_versions (automation_id, version, definition) VALUES ($1, 1, $2)', [id, JSON.stringify(def)]);
    }
  });
  afterAll(() => dataSource?.destroy());

  /** Records one run through the projection's writer: its start, its own attempts, and its outcome. */
  async function run(automationId: string, name: string, attempts: ('failed' | 'succeeded')[], outcome: object, declineClass = 'soft') {
    const workflowId = `run:${automationId}:invoice:in_${name}`;
    const rec = (suffix: string, at: number, body: object) => recorder.record({ workflowId, at, idempotencyKey: `${workflowId}:${suffix}`, ...body } as RunRecord);
    await rec('started', T0, { type: 'started', automationId, version: 1, subjectType: 'invoice', subjectId: `in_${name}`, invoiceId: `in_${name}`, amountDue: 1000, currency: 'usd', declineClass });
    for (const [i, status] of attempts.entries()) await rec(`attempt:0:${i + 1}`, T0 + (i + 1) * HOUR, { type: 'attempt', stepIndex: 0, status, declineCode: status === 'failed' ? 'insufficient_funds' : undefined });
    await rec('outcome', T0 + 10 * HOUR, { type: 'outcome', outcome: { stepIndex: 0, at: T0 + 10 * HOUR, ...outcome } });
  }

  it('counts only payment automations, apart by what recovered, with technically failed runs listed apart', async () => {
    await run(payment, 'scheduled', ['failed', 'succeeded'], { status: 'recovered', reason: 'retry_succeeded', attribution: 'scheduled_retry' });
    await run(payment, 'card_update', ['succeeded'], { status: 'recovered', reason: 'retry_succeeded', attribution: 'card_update_retry' });
    await run(payment, 'out_of_band', [], { status: 'recovered', reason: 'invoice_paid', attribution: 'paid_out_of_band' });
    await run(payment, 'lost', ['failed'], { status: 'completed', reason: 'all_steps_done' }, 'retry_after');
    await run(payment, 'broken', [], { status: 'failed', reason: 'send_team_email failed: boom' }, 'never_on_this_card');
    // An automation that only sends a team memo: its run ends recovered when the invoice is paid, never a recovery.
    await run(emailOnly, 'memo', [], { status: 'recovered', reason: 'invoice_paid', attribution: 'paid_out_of_band' });

    const r = await new AnalyticsService(dataSource).recovery({ from: new Date(T0 - HOUR).toISOString(), to: new Date(T0 + HOUR).toISOString(), period: 'day' });
    expect(r.attemptedRecoveryRule).toBe(ATTEMPTED_RECOVERY_RULE);
    expect(r.attemptedRecoveryRule).toContain('at least one retry');
    expect(r.totals).toMatchObject({ runs: 6, running: 0, recovered: 3, failed: 1, retried: 3, recoveryRate: 3 / 4, attemptedRecoveryRate: 2 / 3, recoveredAmount: [{ currency: 'usd', amount: 3000 }] });
    expect(r.byAutomation.find((g) => g.automationId === emailOnly)).toMatchObject({ runs: 1, recovered: 0, recoveryRate: null, attemptedRecoveryRate: null, recoveredAmount: [] });
    expect(r.byAttribution).toEqual([
      { attribution: 'card_update_retry', recovered: 1 }, { attribution: 'paid_out_of_band', recovered: 1 }, { attribution: 'scheduled_retry', recovered: 1 },
    ]);
    expect(r.byDeclineClass).toEqual([
      expect.objectContaining({ declineClass: 'never_on_this_card', runs: 1, failed: 1, recoveryRate: null }),
      expect.objectContaining({ declineClass: 'retry_after', runs: 1, recovered: 0, retried: 1, attemptedRecoveryRate: 0 }),
      expect.objectContaining({ declineClass: 'soft', runs: 3, recovered: 3, retried: 2, recoveryRate: 1, attemptedRecoveryRate: 1 }),
    ]);
    expect(r.failedRuns).toEqual([{ id: `run:${payment}:invoice:in_broken`, automationId: payment, outcome: 'send_team_email failed: boom', endedAt: new Date(T0 + 10 * HOUR).toISOString() }]);
  });
});
