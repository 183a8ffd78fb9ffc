import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A run keeps its final state (its whole story after the end) and links to the run it follows (restart, new event). */
export class RunLifecycle1796140000000 implements MigrationInterface {
  name = 'RunLifecycle1796140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "runs" ADD "final_state" jsonb`);
    await queryRunner.query(`ALTER TABLE "runs" ADD "previous_run_id" text`);
    await queryRunner.query(`CREATE INDEX "runs_subject" ON "runs" ("automation_id", "subject_type", "subject_id", "started_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "runs_subject"`);
    await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "previous_run_id"`);
    await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "final_state"`);
  }
}
