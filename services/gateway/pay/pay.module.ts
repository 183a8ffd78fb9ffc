import { Module } from '@nestjs/common';
import { SandboxModule } from '../sandbox/sandbox.module';
import { PayPageController } from './pay-page.controller';
import { PayPageService } from './pay-page.service';

/** `/pay/{token}`: the sandbox's self-service page (see PayPageController). */
@Module({
  imports: [SandboxModule],
  controllers: [PayPageController],
  providers: [PayPageService],
})
export class PayModule {}
