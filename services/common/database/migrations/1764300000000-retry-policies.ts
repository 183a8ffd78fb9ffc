import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Named retry policies of the admin API (`/v1/retry-policies`). */
export class RetryPolicies1764300000000 implements MigrationInterface {
  name = 'RetryPolicies1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "retry_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "policy" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6534847d483fa68cea471fee9fd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "retry_policies_name" ON "retry_policies" ("name")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."retry_policies_name"`);
    await queryRunner.query(`DROP TABLE "retry_policies"`);
  }
}
