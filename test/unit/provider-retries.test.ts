import { providerRetries, providerRetriesWarning, SMART_RETRIES_SETTING } from '../../domain/provider-retries';

describe('providerRetries', () => {
  it('is on when Stripe planned another attempt or made attempts during the run, with the setting to change', () => {
    expect(providerRetries({ nextPaymentAttemptSet: false, providerAttempts: 0 })).toEqual({ on: false, reasons: [], providerAttempts: 0 });
    expect(providerRetries({ nextPaymentAttemptSet: true, providerAttempts: 0 })).toEqual({ on: true, reasons: ['next_payment_attempt'], providerAttempts: 0, setting: SMART_RETRIES_SETTING });
    expect(providerRetries({ nextPaymentAttemptSet: false, providerAttempts: 2 })).toMatchObject({ on: true, reasons: ['provider_attempts'], providerAttempts: 2 });
  });

  it('warns naming the invoices (five at most) and the Dashboard setting; nothing when none', () => {
    expect(providerRetriesWarning([])).toBeUndefined();
    const text = providerRetriesWarning(['in_1', 'in_2', 'in_3', 'in_4', 'in_5', 'in_6', 'in_7'])!;
    expect(text).toContain('7 invoice(s)');
    expect(text).toContain('in_1, in_2, in_3, in_4, in_5 and 2 more');
    expect(text).toContain('Settings → Billing → Subscriptions and emails → Manage failed payments → Smart Retries: off');
  });
});
