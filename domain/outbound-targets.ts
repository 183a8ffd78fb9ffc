import ipaddr from 'ipaddr.js';

/**
 * Where outgoing requests (emit_webhook steps) may go: http(s) only, and never to the process's own
 * neighbourhood — loopback, link-local (cloud metadata at 169.254.169.254), private, CGNAT, unique-local,
 * multicast, reserved — unless the operator allow-lists the host (OUTBOUND_ALLOWED_HOSTS). Pure: the
 * adapter resolves names and asks again for every address.
 */

export type TargetCheck = { ok: true } | { ok: false; reason: string };

/** The special range an IP address is in (`loopback`, `linkLocal`, `private`, …), or undefined when public. */
export function internalRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

/** Whether `host` (lower-case name or IP) or `host:port` of the URL is on the allow-list. */
export function allowListed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((entry) => entry === host || entry === `${host}:${port}` || entry === `[${host}]:${port}`);
}

/** The save-time check: scheme, and the host when it is an address or a local name (names resolve at send time). */
export function checkOutboundUrl(value: string, allowedHosts: readonly string[]): TargetCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `only http and https URLs are allowed, not ${url.protocol}` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  if (allowListed(url, allowedHosts)) return { ok: true };
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || !host.includes('.') && !ipaddr.isValid(host)) {
    return { ok: false, reason: `${host} is a local name; list it in OUTBOUND_ALLOWED_HOSTS to allow it` };
  }
  return checkAddress(host);
}

/** The send-time check of one resolved address of a host that is not allow-listed. */
export function checkAddress(address: string): TargetCheck {
  if (!ipaddr.isValid(address)) return { ok: true }; // a name: the adapter resolves it and checks each address
  const range = internalRange(address);
  return range === undefined ? { ok: true } : { ok: false, reason: `${address} is an internal address (${range}); list it in OUTBOUND_ALLOWED_HOSTS to allow it` };
}
