import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox row carries its request's id and trace context, so dispatch, workflows and activities continue them. */
export class OutboxRequestContext1764583200000 implements MigrationInterface {
  name = 'OutboxRequestContext1764583200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" ADD "request_id" text`);
    await queryRunner.query(`ALTER TABLE "outbox" ADD "trace_context" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "trace_context"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "request_id"`);
  }
}
