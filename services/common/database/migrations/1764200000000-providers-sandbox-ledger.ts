import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Provider tables: card attempts (network caps), team members, the sandbox ledger; run_steps gets its record key. */
export class ProvidersSandboxLedger1764200000000 implements MigrationInterface {
  name = 'ProvidersSandboxLedger1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "card_attempts" ("id" BIGSERIAL NOT NULL, "fingerprint" text NOT NULL, "brand" text, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "idempotency_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f4764d6ed7d6e46936cfc68891a" UNIQUE ("idempotency_key"), CONSTRAINT "PK_e46c869912788f666a582ffc1ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "card_attempts_fingerprint_time" ON "card_attempts" ("fingerprint", "attempted_at")`);
    await queryRunner.query(`CREATE TABLE "sandbox_charges" ("id" text NOT NULL, "idempotency_key" text NOT NULL, "invoice_id" text NOT NULL, "payment_method_id" text, "card_brand" text, "card_fingerprint" text, "amount" integer NOT NULL, "currency" text NOT NULL, "status" text NOT NULL, "decline_code" text, "failure_message" text, "invoice_status" text NOT NULL, "attempt_number" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f60c2bfa740bfd2000f9e9e3b37" UNIQUE ("idempotency_key"), CONSTRAINT "PK_532356df5856509a01b5aacd7fb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sandbox_charges_invoice" ON "sandbox_charges" ("invoice_id")`);
    await queryRunner.query(`CREATE TABLE "sandbox_customers" ("id" text NOT NULL, "email" text, "name" text, "metadata" jsonb NOT NULL DEFAULT '{}', "default_payment_method_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3ab3ad303e7ac1fcc9196ceff54" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "sandbox_invoices" ("id" text NOT NULL, "number" text NOT NULL, "customer_id" text NOT NULL, "subscription_id" text, "price_id" text, "status" text NOT NULL DEFAULT 'open', "amount_due" integer NOT NULL, "amount_paid" integer NOT NULL DEFAULT '0', "currency" text NOT NULL, "collection_method" text NOT NULL DEFAULT 'charge_automatically', "due_date" TIMESTAMP WITH TIME ZONE, "attempt_count" integer NOT NULL DEFAULT '0', "metadata" jsonb NOT NULL DEFAULT '{}', "paid_out_of_band" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_57f2b3400988280cdd3af606ae3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sandbox_invoices_subscription" ON "sandbox_invoices" ("subscription_id")`);
    await queryRunner.query(`CREATE INDEX "sandbox_invoices_customer" ON "sandbox_invoices" ("customer_id")`);
    await queryRunner.query(`CREATE TABLE "sandbox_payment_methods" ("id" text NOT NULL, "customer_id" text NOT NULL, "brand" text NOT NULL, "last4" text NOT NULL, "fingerprint" text NOT NULL, "outcome" text NOT NULL DEFAULT 'succeed', "decline_code" text, "next_outcomes" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_307218bbdd2527c5f9826f7ca13" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sandbox_payment_methods_customer" ON "sandbox_payment_methods" ("customer_id")`);
    await queryRunner.query(`CREATE TABLE "sandbox_prices" ("id" text NOT NULL, "product_id" text NOT NULL, "unit_amount" integer NOT NULL, "currency" text NOT NULL, "interval" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4b0ea5a94739a3848bdcba398bf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sandbox_prices_product" ON "sandbox_prices" ("product_id")`);
    await queryRunner.query(`CREATE TABLE "sandbox_products" ("id" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c094bb6fbe2e4729df09c479564" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "sandbox_subscriptions" ("id" text NOT NULL, "customer_id" text NOT NULL, "price_id" text NOT NULL, "status" text NOT NULL DEFAULT 'active', "current_period_end" TIMESTAMP WITH TIME ZONE NOT NULL, "canceled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "metadata" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_398451f6c32eb88e9bbf349d8ac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sandbox_subscriptions_customer" ON "sandbox_subscriptions" ("customer_id")`);
    await queryRunner.query(`CREATE TABLE "team_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a88b84bdd6391e3d877a59fbb70" UNIQUE ("email"), CONSTRAINT "PK_ca3eae89dcf20c9fd95bf7460aa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "run_steps" ADD "idempotency_key" text`);
    await queryRunner.query(`ALTER TABLE "run_steps" ADD CONSTRAINT "UQ_04db8e4fdc5ec112b87e227f57a" UNIQUE ("idempotency_key")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "run_steps" DROP CONSTRAINT "UQ_04db8e4fdc5ec112b87e227f57a"`);
    await queryRunner.query(`ALTER TABLE "run_steps" DROP COLUMN "idempotency_key"`);
    await queryRunner.query(`DROP TABLE "team_members"`);
    await queryRunner.query(`DROP INDEX "public"."sandbox_subscriptions_customer"`);
    await queryRunner.query(`DROP TABLE "sandbox_subscriptions"`);
    await queryRunner.query(`DROP TABLE "sandbox_products"`);
    await queryRunner.query(`DROP INDEX "public"."sandbox_prices_product"`);
    await queryRunner.query(`DROP TABLE "sandbox_prices"`);
    await queryRunner.query(`DROP INDEX "public"."sandbox_payment_methods_customer"`);
    await queryRunner.query(`DROP TABLE "sandbox_payment_methods"`);
    await queryRunner.query(`DROP INDEX "public"."sandbox_invoices_customer"`);
    await queryRunner.query(`DROP INDEX "public"."sandbox_invoices_subscription"`);
    await queryRunner.query(`DROP TABLE "sandbox_invoices"`);
    await queryRunner.query(`DROP TABLE "sandbox_customers"`);
    await queryRunner.query(`DROP INDEX "public"."sandbox_charges_invoice"`);
    await queryRunner.query(`DROP TABLE "sandbox_charges"`);
    await queryRunner.query(`DROP INDEX "public"."card_attempts_fingerprint_time"`);
    await queryRunner.query(`DROP TABLE "card_attempts"`);
  }
}
