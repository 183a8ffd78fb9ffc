import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Pool } from 'pg';
import { HttpBillingProvider } from '../../providers/billing/http/http-billing.provider';
import { ReferenceLedger, type LedgerAction, type LedgerKind, type LedgerObject } from '../../services/reference-billing/reference-ledger';
import { createReferenceApp, listenReference } from '../../services/reference-billing/reference-server';

/** A fresh Standard Webhooks secret (`whsec_` + base64 of 24 random bytes). */
export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

const ADMIN_KEY = 'test-reference-key';

/** The reference billing server on a free port over `databaseUrl` (its own `reference_billing` schema). */
export interface ReferenceBilling {
  url: string;
  secret: string;
  ledger: ReferenceLedger;
  /** A provider pointed at it (the engine's side of the contract). */
  provider(overrides?: { secret?: string; timeoutMs?: number }): HttpBillingProvider;
  /** Puts an object in the ledger through its `/ledger` route (as a demo would). */
  put(kind: LedgerKind, object: Record<string, unknown>, script?: LedgerObject['script']): Promise<void>;
  get(kind: LedgerKind, id: string): Promise<Record<string, unknown> | undefined>;
  actions(): Promise<LedgerAction[]>;
  close(): Promise<void>;
}

/** Starts the reference server the way `npm run reference-billing` does, in this process. */
export async function startReferenceBilling(databaseUrl: string): Promise<ReferenceBilling> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const ledger = new ReferenceLedger(pool);
  await ledger.migrate();
  const secret = newSecret();
  const { server, url } = await listenReference(createReferenceApp({ ledger, secret, adminKey: ADMIN_KEY }), 0);
  const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  return {
    url, secret, ledger,
    provider: (o = {}) => new HttpBillingProvider({ baseUrl: url, secret: o.secret ?? secret, timeoutMs: o.timeoutMs ?? 5_000 }),
    async put(kind, object, script) {
      const res = await fetch(`${url}/ledger/${kind}/${String(object.id)}`, { method: 'PUT', headers: auth, body: JSON.stringify({ object, script }) });
      if (!res.ok) throw new Error(`reference ledger PUT ${kind}: ${res.status} ${await res.text()}`);
    },
    async get(kind, id) {
      const res = await fetch(`${url}/ledger/${kind}/${id}`, { headers: auth });
      return res.ok ? ((await res.json()) as { object: Record<string, unknown> }).object : undefined;
    },
    actions: () => ledger.actions(),
    async close() {
      await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
      await pool.end();
    },
  };
}
