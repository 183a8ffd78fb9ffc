import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsResolver } from './analytics.resolver';
import { AnalyticsService } from './analytics.service';

/** Recovery analytics (REST + GraphQL). */
@Module({ controllers: [AnalyticsController], providers: [AnalyticsService, AnalyticsResolver] })
export class AnalyticsModule {}
