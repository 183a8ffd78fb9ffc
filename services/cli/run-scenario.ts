import type { RunDetailResource, RunResource } from '../gateway/runs/dto/run.resource';
import { AdminApiError, type AdminClient } from './admin-client';
import { UsageError } from './cli-main';
import { formatMoney } from './cli-format';
import { ensureDemoCatalog } from './demo-world';
import type { CardSpec, ScenarioPlan } from './scenarios';

/** What a played scenario made, and the run it started (if one started within the wait). */
export interface ScenarioResult {
  customerId: string;
  subscriptionId?: string;
  invoiceId?: string;
  /** The value of the plan's `runKey` (invoice or subscription id). */
  subjectId: string;
  run?: RunResource;
}

export interface PlayOptions {
  say: (line: string) => void;
  /** How long to wait for the run to appear. */
  waitForRunMs: number;
  /** How long a hard-declined run visibly waits before the new card is added. */
  newCardAfterMs: number;
}

interface Created { id: string }
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describeCard = (c: CardSpec) => {
  const script = c.nextOutcomes?.length ? `${c.nextOutcomes.map((o) => o.declineCode ?? o.outcome).join(', ')}, then ` : '';
  return `${c.brand} ••${c.last4}: ${script}${c.outcome === 'succeed' ? 'pays' : `declines (${c.declineCode})`}`;
};

/** Plays a scenario against the running system through the admin API, saying what it creates as it goes. */
export async function playScenario(api: AdminClient, plan: ScenarioPlan, options: PlayOptions): Promise<ScenarioResult> {
  const { say } = options;
  await requireSandbox(api);
  const made: string[] = [];
  const catalog = await ensureDemoCatalog(api, made);
  made.forEach((line) => say(`created   ${line}`));
  const automations = await api.list<{ trigger: { type: string }; status: string }>('/v1/automations', { limit: 100 });
  if (!automations.some((a) => a.trigger.type === plan.trigger && a.status === 'enabled')) {
    say(`warning   no enabled automation has the trigger ${plan.trigger}: nothing will start a run`);
    say('          (`make up` seeds the recipes into a new database; or create one: docs/admin-api.md)');
  }

  const customer = await api.post<Created>('/v1/sandbox/customers', plan.customer);
  say(`customer  ${customer.id}  ${plan.customer.name} <${plan.customer.email}>`);
  const card = await api.post<Created>(`/v1/sandbox/customers/${customer.id}/payment-methods`, { ...plan.card, makeDefault: true });
  say(`card      ${card.id}  ${describeCard(plan.card)}`);
  const result: ScenarioResult = { customerId: customer.id, subjectId: '' };
  if (plan.subscription) {
    const priceId = catalog[plan.subscription.product].prices[plan.subscription.interval];
    const sub = await api.post<Created>('/v1/sandbox/subscriptions', { customerId: customer.id, priceId });
    result.subscriptionId = sub.id;
    say(`subscr.   ${sub.id}  ${plan.subscription.product}, billed per ${plan.subscription.interval}`);
  }
  if (plan.invoice) {
    const body = plan.invoice.kind === 'renewal'
      ? { customerId: customer.id, subscriptionId: result.subscriptionId }
      : { customerId: customer.id, amountDue: plan.invoice.amountDue, currency: plan.invoice.currency, collectionMethod: 'send_invoice', dueDate: plan.invoice.dueDate };
    const invoice = await api.post<Created & { amountDue: number; currency: string; number: string }>('/v1/sandbox/invoices', body);
    result.invoiceId = invoice.id;
    const due = plan.invoice.kind === 'send_invoice' ? `, send_invoice due ${plan.invoice.dueDate}` : ', renewal';
    say(`invoice   ${invoice.id}  ${invoice.number}, ${formatMoney(invoice.amountDue, invoice.currency)}${due}`);
  }

  if (plan.action === 'attempt_invoice') {
    const attempt = await api.post<{ status: string; declineCode?: string }>(`/v1/sandbox/invoices/${result.invoiceId}/attempt`);
    say(`charged   ${attempt.status}${attempt.declineCode ? ` (${attempt.declineCode})` : ''}`);
  } else if (plan.action === 'cancel_subscription') {
    await api.post(`/v1/sandbox/subscriptions/${result.subscriptionId}/cancel`, { reason: 'cancellation_requested' });
    say(`canceled  ${result.subscriptionId} (cancellation_requested)`);
  }
  result.subjectId = (plan.runKey === 'InvoiceId' ? result.invoiceId : result.subscriptionId)!;

  result.run = await waitForRun(api, plan, result.subjectId, options.waitForRunMs);
  if (result.run && plan.newCard) await addCardWhenPaused(api, result, plan.newCard, options);
  return result;
}

/** Polls `GET /v1/runs?invoiceId|subscriptionId=` until the run shows up (the dispatcher starts it within a second). */
async function waitForRun(api: AdminClient, plan: ScenarioPlan, subjectId: string, timeoutMs: number): Promise<RunResource | undefined> {
  const filter = plan.runKey === 'InvoiceId' ? 'invoiceId' : 'subscriptionId';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await api.get<{ data: RunResource[] }>('/v1/runs', { [filter]: subjectId, limit: 1 });
    if (data[0]) return data[0];
    if (Date.now() > deadline) return undefined;
    await pause(500);
  }
}

/** Waits until the run pauses for a payment method, lets that show for a moment, then adds the new default card. */
async function addCardWhenPaused(api: AdminClient, result: ScenarioResult, card: CardSpec, options: PlayOptions): Promise<void> {
  const path = `/v1/runs/${encodeURIComponent(result.run!.id)}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = await api.get<RunDetailResource>(path);
    const retry = (run.live as { retry?: { awaitingPaymentMethod?: boolean } } | null)?.retry;
    if (run.status !== 'running') return options.say(`note      the run is ${run.status} already: no new card added`);
    if (retry?.awaitingPaymentMethod) break;
    if (Date.now() > deadline) return options.say('note      the run never waited for a payment method: no new card added');
    await pause(500);
  }
  options.say(`waiting   the run waits for a new payment method; adding one in ${Math.round(options.newCardAfterMs / 1000)}s…`);
  await pause(options.newCardAfterMs);
  const pm = await api.post<Created>(`/v1/sandbox/customers/${result.customerId}/payment-methods`, { ...card, makeDefault: true });
  options.say(`new card  ${pm.id}  ${describeCard(card)} (default: payment_method_updated → prompt retry)`);
}

/** Scenarios live in the sandbox ledger: refuse at once, saying why, when the system runs another billing provider. */
export async function requireSandbox(api: AdminClient): Promise<void> {
  try {
    await api.get('/v1/sandbox/products');
  } catch (err) {
    const type = (err as AdminApiError).body && ((err as AdminApiError).body as { type?: string }).type;
    if (err instanceof AdminApiError && err.status === 404 && type === '/problems/sandbox-off') {
      const detail = ((err.body as { detail?: string }).detail ?? '').replace(/^The sandbox ledger is off: /, '');
      throw new UsageError(`scenarios play in the sandbox ledger, which is off here (${detail}). With Stripe, use \`stripe trigger invoice.payment_failed\` (Stripe CLI) against a test-mode account instead.`);
    }
    throw err;
  }
}
