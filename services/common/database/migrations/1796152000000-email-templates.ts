import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned email templates (the built-ins are seeded from code as version 1 of each language by
 * `EmailTemplateStore`), and on every email the template version and language it was rendered from.
 */
export class EmailTemplates1796152000000 implements MigrationInterface {
  name = 'EmailTemplates1796152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "email_templates" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "language" text NOT NULL, "version" integer NOT NULL,
      "subject" text NOT NULL, "body" text NOT NULL, "text" text NOT NULL, "created_by" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_email_templates" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "email_templates_version" ON "email_templates" ("name", "language", "version")`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "template_version" integer`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "template_language" text`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "reply_to" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "reply_to"`);
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "template_language"`);
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "template_version"`);
    await queryRunner.query(`DROP TABLE "email_templates"`);
  }
}
