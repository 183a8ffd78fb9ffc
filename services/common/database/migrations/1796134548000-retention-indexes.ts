import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes the retention prune and the personal-data erasure scan by. The partial ones hold only what is
 * still to prune, so a daily prune does not rescan the years of rows it emptied before (their predicates are the
 * prune's own, word for word: services/worker/adapters/postgres-retention.ts).
 */
export class RetentionIndexes1796134548000 implements MigrationInterface {
  name = 'RetentionIndexes1796134548000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "events_unpruned_received" ON "events" ("received_at") WHERE payload <> '{"pruned": true}'::jsonb`);
    await queryRunner.query(`CREATE INDEX "events_subject" ON "events" ("subject_id")`);
    await queryRunner.query(`CREATE INDEX "emails_unpruned_created" ON "emails" ("created_at") WHERE html <> '' OR text <> ''`);
    await queryRunner.query(`CREATE INDEX "outbox_created" ON "outbox" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "card_attempts_attempted" ON "card_attempts" ("attempted_at")`);
    await queryRunner.query(`CREATE INDEX "runs_trigger_event" ON "runs" ("trigger_event_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['runs_trigger_event', 'card_attempts_attempted', 'outbox_created', 'emails_unpruned_created', 'events_subject', 'events_unpruned_received']) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
  }
}
