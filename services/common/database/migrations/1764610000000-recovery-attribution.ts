import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What recovered each run's payment, and the class of the decline that started it, for recovery analytics. */
export class RecoveryAttribution1764610000000 implements MigrationInterface {
  name = 'RecoveryAttribution1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "runs" ADD "attribution" text, ADD "decline_class" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "decline_class", DROP COLUMN "attribution"`);
  }
}
