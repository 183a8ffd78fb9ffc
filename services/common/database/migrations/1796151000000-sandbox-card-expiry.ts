import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sandbox cards get an expiry (month, year): backups skip expired cards and the expiry sweep reminds before it. */
export class SandboxCardExpiry1796151000000 implements MigrationInterface {
  name = 'SandboxCardExpiry1796151000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sandbox_payment_methods" ADD "exp_month" integer`);
    await queryRunner.query(`ALTER TABLE "sandbox_payment_methods" ADD "exp_year" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sandbox_payment_methods" DROP COLUMN "exp_year"`);
    await queryRunner.query(`ALTER TABLE "sandbox_payment_methods" DROP COLUMN "exp_month"`);
  }
}
