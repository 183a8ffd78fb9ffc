import type { DataSource } from 'typeorm';
import { providerRetries, type ProviderRetries } from '../../../domain/provider-retries';

// Per running (or given) run on an invoice: whether a Stripe failed-payment event of the invoice said
// `next_payment_attempt`, and how many attempts the provider made on it after the run started.
const FACTS = `
  SELECT r.id, r.invoice_id,
         EXISTS (SELECT 1 FROM events e
                  WHERE e.provider = 'stripe' AND e.type = 'invoice.payment_failed'
                    AND e.payload->'data'->'object'->>'id' = r.invoice_id
                    AND e.payload->'data'->'object'->>'next_payment_attempt' IS NOT NULL) AS next_set,
         (SELECT count(*) FROM card_attempts a
           WHERE a.invoice_id = r.invoice_id AND a.source = 'provider' AND a.attempted_at > r.started_at) AS provider_attempts
    FROM runs r
   WHERE r.invoice_id IS NOT NULL AND ($1::text IS NULL OR r.id = $1) AND ($1::text IS NOT NULL OR r.status = 'running')`;

/** "Provider retries on" of one run's invoice (`runId`), or of every running run's (`runId` undefined), by run id. */
export async function readProviderRetries(db: DataSource, runId?: string): Promise<Map<string, ProviderRetries & { invoiceId: string }>> {
  const rows: { id: string; invoice_id: string; next_set: boolean; provider_attempts: string }[] = await db.query(FACTS, [runId ?? null]);
  return new Map(rows.map((r) => [r.id, { invoiceId: r.invoice_id, ...providerRetries({ nextPaymentAttemptSet: r.next_set, providerAttempts: Number(r.provider_attempts) }) }]));
}
