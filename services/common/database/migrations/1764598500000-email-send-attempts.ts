import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each email records when its last send attempt started and how many there were (a `sending` row whose attempt
 * outlived the provider's timeout was interrupted), and who resent it by hand; sends of unknown outcome are
 * listed for operators, so they get a small partial index.
 */
export class EmailSendAttempts1764598500000 implements MigrationInterface {
  name = 'EmailSendAttempts1764598500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "emails" ADD "attempts" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "attempted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "resent_by" text`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "resent_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "emails_unknown" ON "emails" ("created_at") WHERE "status" = 'unknown'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "emails_unknown"`);
    for (const column of ['resent_at', 'resent_by', 'attempted_at', 'attempts']) await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "${column}"`);
  }
}
