import { type INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule } from '../../services/common/config/config.module';
import { DatabaseModule } from '../../services/common/database/database.module';
import { ApiKeyGuard } from '../../services/common/http/api-key.guard';
import { ProblemDetailsFilter } from '../../services/common/http/problem-details.filter';
import { createValidationPipe } from '../../services/gateway/admin/validation';
import { EmailsModule } from '../../services/gateway/emails/emails.module';
import { SandboxModule } from '../../services/gateway/sandbox/sandbox.module';

/** The gateway's globals (problem+json filter, API-key guard, validation pipe) around the sandbox and emails modules only. */
@Module({
  imports: [AppConfigModule, DatabaseModule, SandboxModule, EmailsModule],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
class SandboxTestModule {}

/**
 * An HTTP app with the sandbox and emails APIs as the gateway serves them, without the dispatcher (so the
 * outbox rows the ledger writes stay put for the assertions) and without modules that need Temporal.
 */
export async function createSandboxApp(): Promise<INestApplication> {
  const app = await NestFactory.create(SandboxTestModule, { logger: false });
  await app.init();
  return app;
}
