import { emailDomain } from './filters';

/**
 * Team emails go only to the account's users or to addresses on the company's own domain(s), so an
 * automation cannot be turned into a way to mail customer data to arbitrary addresses.
 */

/** From config (`TEAM_EMAIL_DOMAIN`) and the account's user list. */
export interface TeamEmailPolicy {
  companyDomains: string[];
  accountUserEmails: string[];
}

export type RecipientCheck = { ok: true } | { ok: false; refused: string[]; message: string };

/** Checks every recipient; the message names each refused address and what would have been allowed. */
export function checkTeamRecipients(to: readonly string[], policy: TeamEmailPolicy): RecipientCheck {
  const users = new Set(policy.accountUserEmails.map((e) => e.trim().toLowerCase()));
  const domains = policy.companyDomains.map((d) => d.trim().toLowerCase());
  const refused = to.filter((address) => {
    const normalized = address.trim().toLowerCase();
    const domain = emailDomain(normalized);
    return !users.has(normalized) && !(domain !== undefined && domains.includes(domain));
  });
  if (!refused.length) return { ok: true };
  const allowedDomains = domains.length ? domains.map((d) => `@${d}`).join(', ') : '(no company domain configured)';
  return {
    ok: false,
    refused,
    message:
      `Team email refused for ${refused.join(', ')}: team emails may only go to account users or to ` +
      `addresses on the company domain (${allowedDomains})`,
  };
}
