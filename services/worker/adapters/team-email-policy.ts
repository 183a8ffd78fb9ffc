import type { DataSource } from 'typeorm';
import type { TeamEmailPolicy } from '../../../domain/team-recipients';
import { TeamMemberEntity } from '../../common/database/entities/team-member.entity';

/** Reads the policy fresh at each send: account users may be added or removed while a run waits. */
export function teamEmailPolicyFrom(dataSource: DataSource, teamDomain: string): () => Promise<TeamEmailPolicy> {
  return async () => {
    const members = await dataSource.manager.find(TeamMemberEntity, { select: { email: true } });
    return { companyDomains: [teamDomain], accountUserEmails: members.map((m) => m.email) };
  };
}
