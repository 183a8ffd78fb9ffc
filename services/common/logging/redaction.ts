/** Headers that carry a credential or a signature over one: never written to a log. */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'x-api-key', 'stripe-signature', 'webhook-signature', 'dunning-signature', 'cookie'];

/** Query parameters that may carry a credential (clients put keys there although the API never asks). */
export const CREDENTIAL_PARAMS = ['api_key', 'apikey', 'apiKey', 'key', 'token', 'access_token', 'secret', 'password'];

/** pino `redact` paths of the request logger (headers and parsed query of `req`, cookies of `res`). */
export const REDACT_PATHS = [
  ...CREDENTIAL_HEADERS.map((name) => `req.headers["${name}"]`),
  ...CREDENTIAL_PARAMS.map((name) => `req.query["${name}"]`),
  'res.headers["set-cookie"]',
  // Route parameters repeat the path, and a self-service link's path is its credential (/pay/{token}).
  'req.params.splat',
  'req.params.token',
];

const credentialParam = new RegExp(`([?&](?:${CREDENTIAL_PARAMS.join('|')})=)[^&#]*`, 'gi');

/** The URL with the value of every credential query parameter and a /pay/{token} link's token replaced (the logged `req.url`, problem `instance`). */
export function redactUrl(url: string): string {
  return url.replace(credentialParam, '$1[Redacted]').replace(/^\/pay\/[^/?#]+/, '/pay/[Redacted]');
}
