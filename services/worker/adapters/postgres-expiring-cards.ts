import type { DataSource } from 'typeorm';
import type { ExpiringCardStore } from '../../../activities/card-expiry.activities';
import type { KnownCard } from '../../../domain/card-expiry';
import { compact } from '../../../domain/normalize/billing-enums';
import { recordEvent } from '../../common/events/record-event';
import { SYSTEM_PROVIDER } from './postgres-derived-events';

type Row = { id: string; customer_id: string; brand: string | null; last4: string | null; fingerprint: string | null; exp_month: number; exp_year: number };

/**
 * The expiry sweep over PostgreSQL. Known cards: each sandbox customer's default card (the one charged), and the
 * latest snapshot of every card a generic event carried with an expiry (a later event with a new expiry wins).
 * Reminders are `system` events in the generic format, like the derived due-date events, deduped by their id.
 */
export class PostgresExpiringCards implements ExpiringCardStore {
  constructor(private readonly dataSource: DataSource) {}

  async reminderWindowDays(): Promise<number> {
    const [row]: { days: number | null }[] = await this.dataSource.query(
      `SELECT max((v.definition->'trigger'->>'days')::int) AS days FROM automations a
         JOIN automation_versions v ON v.automation_id = a.id AND v.version = a.current_version
        WHERE a.status = 'enabled' AND a.trigger = 'payment_method_expiring'`,
    );
    return row?.days ?? 0;
  }

  async knownCards(): Promise<KnownCard[]> {
    const sandbox: Row[] = await this.dataSource.query(
      `SELECT pm.id, pm.customer_id, pm.brand, pm.last4, pm.fingerprint, pm.exp_month, pm.exp_year FROM sandbox_payment_methods pm
         JOIN sandbox_customers c ON c.default_payment_method_id = pm.id WHERE pm.exp_month IS NOT NULL AND pm.exp_year IS NOT NULL`,
    );
    const generic: Row[] = await this.dataSource.query(
      `SELECT * FROM (SELECT DISTINCT ON (pm->>'id') pm->>'id' AS id, coalesce(pm->>'customer_id', e.payload->'customer'->>'id') AS customer_id,
              pm->>'card_brand' AS brand, pm->>'last4' AS last4, pm->>'fingerprint' AS fingerprint,
              (pm->>'exp_month')::int AS exp_month, (pm->>'exp_year')::int AS exp_year
         FROM events e CROSS JOIN LATERAL (SELECT e.payload->'payment_method' AS pm) p
        WHERE e.provider = 'generic' AND pm ? 'id'
        ORDER BY pm->>'id', e.received_at DESC) latest
        WHERE exp_month IS NOT NULL AND exp_year IS NOT NULL AND customer_id IS NOT NULL`,
    );
    return [...sandbox, ...generic].map((r) => compact({
      id: r.id, customerId: r.customer_id, cardBrand: r.brand ?? undefined, last4: r.last4 ?? undefined,
      fingerprint: r.fingerprint ?? undefined, expMonth: r.exp_month, expYear: r.exp_year,
    }));
  }

  async raise({ id, card, days, occurredAt }: Parameters<ExpiringCardStore['raise']>[0]): Promise<{ raised: boolean }> {
    const payload = {
      id, type: 'payment_method_expiring', occurred_at: new Date(occurredAt).toISOString(), livemode: false, days,
      payment_method: compact({
        id: card.id, customer_id: card.customerId, card_brand: card.cardBrand, last4: card.last4, fingerprint: card.fingerprint,
        exp_month: card.expMonth, exp_year: card.expYear,
      }),
    };
    const recorded = await recordEvent(this.dataSource.manager, { provider: SYSTEM_PROVIDER, providerEventId: id, type: 'payment_method_expiring', payload });
    return { raised: !recorded.duplicate };
  }
}
