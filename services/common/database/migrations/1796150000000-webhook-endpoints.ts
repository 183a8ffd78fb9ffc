import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Registered outbound webhook endpoints and the delivery outbox of their events (one row per endpoint and event). */
export class WebhookEndpoints1796150000000 implements MigrationInterface {
  name = 'WebhookEndpoints1796150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_endpoints" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "url" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "event_types" text[] NOT NULL,
      "enabled" boolean NOT NULL DEFAULT true,
      "status" text NOT NULL DEFAULT 'active',
      "failing_since" timestamptz,
      "secret" text NOT NULL,
      "previous_secret" text,
      "previous_secret_expires_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" (
      "id" bigserial PRIMARY KEY,
      "endpoint_id" uuid NOT NULL,
      "message_id" text NOT NULL,
      "event_type" text NOT NULL,
      "run_id" text,
      "body" jsonb NOT NULL,
      "status" text NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
      "first_attempt_at" timestamptz,
      "last_attempt_at" timestamptz,
      "last_status" integer,
      "last_error" text,
      "delivered_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE UNIQUE INDEX "webhook_deliveries_message" ON "webhook_deliveries" ("endpoint_id", "message_id")`);
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" ("endpoint_id", "status", "next_attempt_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
  }
}
