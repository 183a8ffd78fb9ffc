import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The card attempt log: who made each attempt, its outcome, the network's codes and their class. */
export class CardAttemptLog1764410000000 implements MigrationInterface {
  name = 'CardAttemptLog1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "card_attempts" ADD "source" text NOT NULL DEFAULT 'run', ADD "outcome" text NOT NULL DEFAULT 'pending', ADD "run_id" text, ADD "invoice_id" text, ADD "payment_method_id" text, ADD "charge_id" text, ADD "decline_code" text, ADD "network_decline_code" text, ADD "network_advice_code" text, ADD "decline_class" text, ADD "decline_rule" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "card_attempts_charge" ON "card_attempts" ("charge_id")`);
    await queryRunner.query(`ALTER TABLE "sandbox_charges" ADD "network_decline_code" text, ADD "network_advice_code" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sandbox_charges" DROP COLUMN "network_advice_code", DROP COLUMN "network_decline_code"`);
    await queryRunner.query(`DROP INDEX "public"."card_attempts_charge"`);
    await queryRunner.query(`ALTER TABLE "card_attempts" DROP COLUMN "decline_rule", DROP COLUMN "decline_class", DROP COLUMN "network_advice_code", DROP COLUMN "network_decline_code", DROP COLUMN "decline_code", DROP COLUMN "charge_id", DROP COLUMN "payment_method_id", DROP COLUMN "invoice_id", DROP COLUMN "run_id", DROP COLUMN "outcome", DROP COLUMN "source"`);
  }
}
