import { BillingErrorType } from './billing-errors';
import { BillingProviderError, type BillingProvider } from './billing-provider';

/** Whether the billing provider accepts our credentials, as last seen (`unchecked` until the first answer). */
export type BillingAccessState =
  | { status: 'unchecked' }
  | { status: 'ok'; checkedAt: number }
  | { status: 'refused'; reason: string; since: number };

const REFUSED: ReadonlySet<string> = new Set([BillingErrorType.Auth, BillingErrorType.PermissionDenied]);

/** True for an answer that says our credentials are wrong (a key revoked, mistyped, of another account). */
export const isAccessRefused = (err: unknown): err is BillingProviderError => err instanceof BillingProviderError && REFUSED.has(err.type);

/**
 * Watches the billing provider's credentials: one cheap authenticated call at start (`checkAccess`), every
 * refusal seen on any call, and, while refused, a re-check every `recheckMs` until the provider accepts again.
 * Readiness reports it and the dispatcher holds events that could start runs while it is refused.
 */
export class BillingAccessMonitor {
  private current: BillingAccessState = { status: 'unchecked' };
  private timer?: NodeJS.Timeout;

  constructor(private readonly provider: BillingProvider, private readonly options: { recheckMs?: number; now?: () => number } = {}) {}

  get state(): BillingAccessState {
    return this.current;
  }

  /** One check now; also arms the re-check loop while refused. Never throws. */
  async check(): Promise<BillingAccessState> {
    try {
      await this.provider.checkAccess?.();
      this.accepted();
    } catch (err) {
      if (isAccessRefused(err)) this.refused(err);
      // Any other failure (the provider unreachable) says nothing about the credentials: the state stays.
    }
    return this.current;
  }

  /** Called with the outcome of every provider call. */
  observe(err?: unknown): void {
    if (err === undefined) this.accepted();
    else if (isAccessRefused(err)) this.refused(err);
  }

  /** Throws a retryable error while the provider refuses us: the caller holds its work for later. */
  assertUsable(): void {
    if (this.current.status !== 'refused') return;
    throw new BillingProviderError(`Billing provider ${this.provider.name} refuses our credentials (${this.current.reason}); held until it accepts them`,
      BillingErrorType.Unavailable, true);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private accepted(): void {
    this.stop();
    this.current = { status: 'ok', checkedAt: (this.options.now ?? Date.now)() };
  }

  private refused(err: BillingProviderError): void {
    const since = this.current.status === 'refused' ? this.current.since : (this.options.now ?? Date.now)();
    this.current = { status: 'refused', reason: `${err.type}: ${err.message}`.slice(0, 300), since };
    if (!this.timer) {
      this.timer = setTimeout(() => { this.timer = undefined; void this.check(); }, this.options.recheckMs ?? 10_000);
      this.timer.unref();
    }
  }
}

const READS = ['getInvoice', 'getSubscription', 'getCustomer', 'getPaymentMethod'] as const;
const ACTIONS = ['payInvoice', 'cancelSubscription', 'markSubscriptionUnpaid', 'markInvoiceUncollectible'] as const;

/** The provider, with every call's outcome shown to the monitor (a refusal at any moment is seen at once). */
export function monitoredProvider(provider: BillingProvider, monitor: BillingAccessMonitor): BillingProvider {
  const wrap = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      const result = await fn(...args);
      monitor.observe();
      return result;
    } catch (err) {
      // A not-found or a refusal of the object's state is still an authenticated answer.
      const answered = err instanceof BillingProviderError && !err.retryable && !REFUSED.has(err.type);
      monitor.observe(answered ? undefined : err);
      throw err;
    }
  };
  const wrapped = { name: provider.name, checkAccess: provider.checkAccess?.bind(provider) } as BillingProvider;
  for (const method of [...READS, ...ACTIONS]) (wrapped as unknown as Record<string, unknown>)[method] = wrap(provider[method].bind(provider) as never);
  return wrapped;
}
