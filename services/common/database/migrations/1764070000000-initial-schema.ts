import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first tables: automations and their versions, events with their outbox, runs with their steps, emails. */
export class InitialSchema1764070000000 implements MigrationInterface {
  name = 'InitialSchema1764070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "automation_versions" ("automation_id" uuid NOT NULL, "version" integer NOT NULL, "definition" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ffdd8638a3810d87ae2df0ad489" PRIMARY KEY ("automation_id", "version"))`);
    await queryRunner.query(`CREATE TABLE "automations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "trigger" text NOT NULL, "priority" integer NOT NULL DEFAULT '100', "status" text NOT NULL DEFAULT 'enabled', "current_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34c2cc382fc780ea36f7c478192" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "automations_trigger_priority" ON "automations" ("trigger", "priority") `);
    await queryRunner.query(`CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider" text NOT NULL, "provider_event_id" text NOT NULL, "type" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'received', "kind" text, "subject_type" text, "subject_id" text, "matched_automation_id" uuid, "matched_version" integer, "explanation" jsonb, "outcome" jsonb, "error" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "events_type_status" ON "events" ("type", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "events_provider_event" ON "events" ("provider", "provider_event_id") `);
    await queryRunner.query(`CREATE TABLE "emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" text NOT NULL, "run_id" text, "template" text NOT NULL, "to_addresses" text array NOT NULL, "from_address" text NOT NULL, "subject" text NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "provider" text NOT NULL, "provider_message_id" text, "status" text NOT NULL DEFAULT 'pending', "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_95a5153185d5dac7c6416f8c7a7" UNIQUE ("idempotency_key"), CONSTRAINT "PK_a54dcebef8d05dca7e839749571" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "emails_run" ON "emails" ("run_id") `);
    await queryRunner.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outbox_due" ON "outbox" ("available_at") `);
    await queryRunner.query(`CREATE TABLE "run_steps" ("id" BIGSERIAL NOT NULL, "run_id" text NOT NULL, "step_index" integer NOT NULL, "attempt" integer NOT NULL DEFAULT '0', "type" text NOT NULL, "status" text NOT NULL, "decline_code" text, "detail" jsonb, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2715c16961bdba2e3f7632da164" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "run_steps_run_step_attempt" ON "run_steps" ("run_id", "step_index", "attempt") `);
    await queryRunner.query(`CREATE TABLE "runs" ("id" text NOT NULL, "workflow_run_id" text, "automation_id" uuid NOT NULL, "automation_version" integer NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "customer_id" text, "invoice_id" text, "subscription_id" text, "trigger_event_id" uuid, "status" text NOT NULL DEFAULT 'running', "outcome" text, "current_step" integer, "amount_due" bigint, "recovered_amount" bigint NOT NULL DEFAULT '0', "currency" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_46d6a1e257c38ba58f1a3c30836" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "runs_status" ON "runs" ("status") `);
    await queryRunner.query(`CREATE INDEX "runs_subscription" ON "runs" ("subscription_id") `);
    await queryRunner.query(`CREATE INDEX "runs_invoice" ON "runs" ("invoice_id") `);
    await queryRunner.query(`CREATE INDEX "runs_customer" ON "runs" ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "runs_automation" ON "runs" ("automation_id", "started_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."runs_automation"`);
    await queryRunner.query(`DROP INDEX "public"."runs_customer"`);
    await queryRunner.query(`DROP INDEX "public"."runs_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."runs_subscription"`);
    await queryRunner.query(`DROP INDEX "public"."runs_status"`);
    await queryRunner.query(`DROP TABLE "runs"`);
    await queryRunner.query(`DROP INDEX "public"."run_steps_run_step_attempt"`);
    await queryRunner.query(`DROP TABLE "run_steps"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_due"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."emails_run"`);
    await queryRunner.query(`DROP TABLE "emails"`);
    await queryRunner.query(`DROP INDEX "public"."events_provider_event"`);
    await queryRunner.query(`DROP INDEX "public"."events_type_status"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP INDEX "public"."automations_trigger_priority"`);
    await queryRunner.query(`DROP TABLE "automations"`);
    await queryRunner.query(`DROP TABLE "automation_versions"`);
  }
}
