import type { AppConfig } from '../common/config/app.config';
import { durationInWords } from '../common/config/duration';
import { localUrl } from '../common/runtime/system-addresses';

/** Polls the gateway's readiness endpoint until it answers 200. */
export async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      // The 503 problem names what is not ready (e.g. the billing provider refusing the key): say it.
      last = ((await response.json().catch(() => ({}))) as { detail?: string }).detail ?? `HTTP ${response.status}`;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s${last ? ` (${last})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the banner shows besides the configuration. */
export interface BannerFacts {
  temporalUiUrl?: string;
  elapsedMs: number;
  logFile: string;
  notes: string[];
}

/** Tells the operator where everything is: the last thing `up` prints once everything is up. */
export function bannerText(config: AppConfig, facts: BannerFacts): string {
  const base = localUrl(config.port);
  const lines = [
    `Ready in ${(facts.elapsedMs / 1000).toFixed(1)} s`,
    `  API          ${base}/v1   (Authorization: Bearer ${config.env === 'production' ? '<one of ADMIN_API_KEYS>' : config.adminApiKeys[0]})`,
    `  API docs     ${base}/docs  (OpenAPI: ${base}/openapi.json)`,
    `  GraphQL      ${base}/graphql`,
    `  Health       ${base}/health/ready   Metrics ${base}/metrics`,
    `  Temporal UI  ${facts.temporalUiUrl ?? `(cluster at ${config.temporal.address}, namespace ${config.temporal.namespace})`}`,
    `  Day length   1 day lasts ${config.dayMs === 86_400_000 ? '1 day (real time)' : durationInWords(config.dayMs)} (DAY_DURATION)`,
    ...facts.notes.map((note) => `  ${note}`),
    `  Logs         ${facts.logFile} (every line; this terminal shows warnings and errors until now, then everything)`,
    ...billingLines(config, base),
    'Press Ctrl-C to stop.',
  ];
  return `\n${lines.join('\n')}\n\n`;
}

/** What applies to the billing provider in force: where its events go in, and how to try it. */
function billingLines(config: AppConfig, base: string): string[] {
  const port = new URL(base).port;
  if (config.billingProvider === 'stripe') {
    const mode = config.stripe.apiKey?.startsWith('sk_live_') || config.stripe.apiKey?.startsWith('rk_live_') ? 'live mode' : 'test mode';
    return [
      `  Billing      Stripe (${mode}); events to ${base}/webhooks/stripe (stripe listen --forward-to localhost:${port}/webhooks/stripe)`,
      '               the sandbox ledger and npm run trigger are off with BILLING_PROVIDER=stripe',
      `  Try          stripe trigger invoice.payment_failed    then    npm run timeline -- <invoice id> --follow`,
    ];
  }
  if (config.billingProvider === 'http') {
    return [
      `  Billing      your billing system through ${config.billingHttp.url} (docs/billing-http-contract.md); events to ${base}/v1/events`,
      '               the sandbox ledger and npm run trigger are off with BILLING_PROVIDER=http',
    ];
  }
  return [
    `  Billing      sandbox ledger (${base}/v1/sandbox)`,
    `  Try          npm run trigger -- annual-dunning    then    npm run timeline -- <invoice id> --follow`,
  ];
}
