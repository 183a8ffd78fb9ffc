/** Headers that carry a credential or a signature over one: never written to a log. */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'x-api-key', 'stripe-signature', 'webhook-signature', 'dunning-signature', 'cookie'];

/** Query parameters that may carry a credential (clients put keys there although the API never asks). */
export const CREDENTIAL_PARAMS = ['api_key', 'apikey', 'apiKey', 'key', 'token', 'access_token', 'secret', 'password'];

/**
 * pino `redact` paths of every logger: cookies a response sets. The request is redacted by its serializer
 * (redactRequest): pino-http binds `req` to a child logger on every request, and path redaction would clone
 * those bindings each time.
 */
export const REDACT_PATHS = ['res.headers["set-cookie"]'];

const CENSOR = '[Redacted]';

/** A copy of `values` with each of `names` that is present replaced by the censor (undefined stays undefined). */
function censored(values: Record<string, unknown> | undefined, names: readonly string[]): Record<string, unknown> | undefined {
  if (!values || !names.some((name) => values[name] !== undefined)) return values;
  const copy = { ...values };
  for (const name of names) if (copy[name] !== undefined) copy[name] = CENSOR;
  return copy;
}

/** Route parameters repeat the path, and a self-service link's path is its credential (/pay/{token}). */
const CREDENTIAL_ROUTE_PARAMS = ['splat', 'token'];

/** The request as logged (pino's standard fields): credential headers, query parameters and route parameters censored, the URL redacted. */
export function redactRequest<T extends { url?: string; headers?: Record<string, unknown>; query?: Record<string, unknown>; params?: Record<string, unknown> }>(req: T): T {
  return {
    ...req,
    url: req.url && redactUrl(req.url),
    headers: censored(req.headers, CREDENTIAL_HEADERS),
    query: censored(req.query, CREDENTIAL_PARAMS),
    params: censored(req.params, CREDENTIAL_ROUTE_PARAMS),
  };
}

const credentialParam = new RegExp(`([?&](?:${CREDENTIAL_PARAMS.join('|')})=)[^&#]*`, 'gi');

/** The URL with the value of every credential query parameter and a /pay/{token} link's token replaced (the logged `req.url`, problem `instance`). */
export function redactUrl(url: string): string {
  return url.replace(credentialParam, `$1${CENSOR}`).replace(/^\/pay\/[^/?#]+/, `/pay/${CENSOR}`);
}
