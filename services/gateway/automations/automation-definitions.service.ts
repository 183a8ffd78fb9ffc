import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AutomationDefinition } from '../../../domain/automation';
import { parseAutomationDefinition, validateOutboundTargets, validateTeamRecipients } from '../../../domain/automation-validation';
import { appConfig } from '../../common/config/app.config';
import { TeamMemberEntity } from '../../common/database/entities/team-member.entity';
import { invalidFields } from '../admin/validation';
import { RetryPoliciesService } from '../retry-policies/retry-policies.service';

/** The parts of an automation that make a version. */
export interface DefinitionInput {
  name: string;
  trigger: unknown;
  filters?: unknown;
  steps: unknown;
}

/**
 * Turns user input into a version definition with the domain's own rules (`parseAutomationDefinition`: shape,
 * steps that fit the trigger, template variables), named retry policies resolved, team recipients checked
 * against the account's users and company domain, and webhook targets against internal addresses. Any problem is one 422 listing every field path.
 */
@Injectable()
export class AutomationDefinitions {
  constructor(
    private readonly policies: RetryPoliciesService,
    @InjectRepository(TeamMemberEntity) private readonly members: Repository<TeamMemberEntity>,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async validate(input: DefinitionInput): Promise<AutomationDefinition> {
    const { steps, errors } = await this.policies.resolveSteps(input.steps);
    const filters = input.filters ?? undefined; // null: no filters
    const parsed = parseAutomationDefinition({ name: input.name, trigger: input.trigger, ...(filters !== undefined && { filters }), steps });
    // An unknown policyId already explains the policy that is missing from its step.
    const unresolved = new Set(errors.map((e) => e.path.replace(/Id$/, '')));
    if (!parsed.ok) throw invalidFields([...errors, ...parsed.errors.filter((e) => !unresolved.has(e.path))], 'The automation definition is invalid');
    const members = await this.members.find({ select: { email: true } });
    const recipients = validateTeamRecipients(parsed.value, {
      companyDomains: [this.config.email.teamDomain], accountUserEmails: members.map((m) => m.email),
    });
    const targets = validateOutboundTargets(parsed.value, this.config.outboundAllowedHosts);
    if (errors.length || recipients.length || targets.length) {
      throw invalidFields([...errors, ...recipients, ...targets], 'The automation definition is invalid');
    }
    return parsed.value;
  }
}
