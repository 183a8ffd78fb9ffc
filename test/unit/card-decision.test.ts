import { decideCardAttempt } from '../../domain/card-network/card-decision';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 11, 1);

describe('card decision', () => {
  const block = { rule: 'mastercard-mac-03', declineCode: 'do_not_honor', paymentMethodId: 'pm_1' };

  it('refuses a card blocked by a never-retry decline, naming the rule, until another payment method is charged', () => {
    expect(decideCardAttempt({ cardBrand: 'mastercard', paymentMethodId: 'pm_1' }, block, [], t0, DAY)).toEqual({ allowed: false, blocked: true, rule: 'mastercard-mac-03', declineCode: 'do_not_honor' });
    expect(decideCardAttempt({ cardBrand: 'mastercard' }, block, [], t0, DAY)).toMatchObject({ allowed: false, blocked: true });
    expect(decideCardAttempt({ cardBrand: 'mastercard', paymentMethodId: 'pm_2' }, block, [], t0, DAY)).toEqual({ allowed: true });
  });

  it('applies the budgets when nothing blocks the card', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ at: t0 + i, succeeded: false }));
    expect(decideCardAttempt({ cardBrand: 'mastercard' }, undefined, ten, t0 + 10, DAY)).toMatchObject({ allowed: false, rule: 'mastercard-10-per-24h', retryAt: t0 + DAY });
    expect(decideCardAttempt({ cardBrand: 'amex' }, undefined, ten, t0 + 10, DAY, [{ id: 'other-5-per-1d', maxAttempts: 5, windowHours: 24, counts: 'attempts' }])).toMatchObject({ allowed: false, rule: 'other-5-per-1d' });
  });
});
