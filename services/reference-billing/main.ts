import { Pool } from 'pg';
import { z } from 'zod';
import { runMain } from '../common/runtime/run-main';
import { startEventSender } from './reference-events';
import { ReferenceLedger } from './reference-ledger';
import { createReferenceApp, listenReference } from './reference-server';

/*
 * `npm run reference-billing`: the reference billing system behind the HTTP contract, a template for an
 * adapter of your own. A program of its own (like the CLI): it reads its small environment here.
 */
const optionsSchema = z.object({
  REFERENCE_BILLING_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'),
  REFERENCE_BILLING_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  REFERENCE_BILLING_HOST: z.string().min(1).default('127.0.0.1'),
  REFERENCE_BILLING_SECRET: z.string().startsWith('whsec_', 'a whsec_… secret (the engine\'s BILLING_HTTP_SECRET)'),
  REFERENCE_BILLING_ADMIN_KEY: z.string().min(8).default('dev-reference-key'),
  // Unset: events are kept in the ledger's queue and not sent.
  ENGINE_URL: z.url({ protocol: /^https?$/ }).optional(),
  ENGINE_API_KEY: z.string().min(1).default('dev-admin-key'),
});

runMain('reference-billing', async () => {
  const parsed = optionsSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
  }
  const env = parsed.data;
  const ledger = new ReferenceLedger(new Pool({ connectionString: env.REFERENCE_BILLING_DATABASE_URL, max: 5 }));
  await ledger.migrate();
  const app = createReferenceApp({ ledger, secret: env.REFERENCE_BILLING_SECRET, adminKey: env.REFERENCE_BILLING_ADMIN_KEY });
  const { url } = await listenReference(app, env.REFERENCE_BILLING_PORT, env.REFERENCE_BILLING_HOST);
  if (env.ENGINE_URL) startEventSender(ledger, { url: env.ENGINE_URL, apiKey: env.ENGINE_API_KEY });
  process.stdout.write(`reference-billing: listening on ${url} (BILLING_HTTP_URL=${url})${env.ENGINE_URL ? `, events to ${env.ENGINE_URL}` : ''}\n`);
});
