/** An endpoint's secrets: the current one, and the one it replaced while that still signs (rotation grace). */
export interface EndpointSecrets {
  secret: string;
  previousSecret?: string | null;
  /** Epoch ms until which `previousSecret` still signs. */
  previousSecretExpiresAt?: number | null;
}

/** The secrets a message is signed with at `now`, newest first: one signature each, so receivers on either secret verify it. */
export function signingSecrets(s: EndpointSecrets, now: number): string[] {
  const previousLive = s.previousSecret && s.previousSecretExpiresAt != null && s.previousSecretExpiresAt > now;
  return previousLive ? [s.secret, s.previousSecret!] : [s.secret];
}
