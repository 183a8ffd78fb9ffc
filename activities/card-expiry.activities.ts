import { dueExpiryReminders, expiringEventId, type KnownCard } from '../domain/card-expiry';

/** Where the sweep reads cards and raises reminders (PostgreSQL: the sandbox ledger and generic events). */
export interface ExpiringCardStore {
  /** The largest `days` of the enabled `payment_method_expiring` automations (0: none, nothing to remind). */
  reminderWindowDays(): Promise<number>;
  /** The cards known to expire: the sandbox customers' default cards and the cards generic events carried. */
  knownCards(): Promise<KnownCard[]>;
  /** Raises one `payment_method_expiring` event (event row + outbox); `id` dedupes it. */
  raise(event: { id: string; card: KnownCard; days: number; occurredAt: number }): Promise<{ raised: boolean }>;
}

/** The daily expiry sweep's activity, registered by the worker beside the run activities. */
export function createCardExpiryActivities({ store, now = Date.now }: { store: ExpiringCardStore; now?: () => number }) {
  return {
    /** Raises the due reminders. Idempotent: a card's reminder for one expiry is raised once (its event id). */
    async sweepExpiringCards(): Promise<{ due: number; raised: number }> {
      const at = now();
      const due = dueExpiryReminders(await store.knownCards(), at, await store.reminderWindowDays());
      let raised = 0;
      for (const { card, days } of due) {
        const result = await store.raise({ id: expiringEventId(card.id, card.expMonth!, card.expYear!), card, days, occurredAt: at });
        if (result.raised) raised++;
      }
      return { due: due.length, raised };
    },
  };
}

/** The expiry sweep's activity interface (`import type` only in workflows). */
export type CardExpiryActivities = ReturnType<typeof createCardExpiryActivities>;
