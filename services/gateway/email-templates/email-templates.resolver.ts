import { UseFilters } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import * as dto from './dto/email-template.resource';
import { EmailTemplatesService } from './email-templates.service';

/** GraphQL for the email templates, on the REST service. */
@Resolver(() => dto.EmailTemplateVersionResource)
@UseFilters(GraphqlProblemFilter)
export class EmailTemplatesResolver {
  constructor(private readonly service: EmailTemplatesService) {}

  @Query(() => dto.EmailTemplateVersionList)
  emailTemplates() {
    return this.service.list();
  }

  @Query(() => dto.EmailTemplateVersionList)
  emailTemplateVersions(@Args('name') name: string, @Args('language', { nullable: true }) language?: string) {
    return this.service.versions(name, language);
  }

  @Mutation(() => dto.EmailTemplateVersionResource)
  createEmailTemplateVersion(@Args('name') name: string, @Args('input') input: dto.CreateEmailTemplateVersionDto) {
    return this.service.createVersion(name, input);
  }

  @Mutation(() => dto.EmailTemplatePreviewResource)
  previewEmailTemplate(@Args('name') name: string, @Args('input', { nullable: true }) input?: dto.PreviewEmailTemplateDto) {
    return this.service.preview(name, input ?? {});
  }
}
