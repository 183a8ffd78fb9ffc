import fc from 'fast-check';
import { HARD_DECLINE_CODES } from '../../domain/decline-codes';
import { classifyDecline, forbidsRetry, visaCategoryOf, type DeclineClass } from '../../domain/card-network/decline-classifier';
import { MASTERCARD_ADVICE_CODES } from '../../domain/card-network/mastercard-advice-codes';

const before = Date.UTC(2026, 9, 24, 23);
const after = Date.UTC(2026, 9, 25, 1);
const visa = (networkDeclineCode: string, at = after, declineCode?: string) => classifyDecline({ cardBrand: 'visa', networkDeclineCode, declineCode, at });
const mc = (networkAdviceCode: string, declineCode?: string) => classifyDecline({ cardBrand: 'mastercard', networkAdviceCode, declineCode, at: after });

describe('decline classifier', () => {
  it('never retries a Visa category-1 card', () => {
    for (const code of ['04', '07', '12', '14', '15', '41', '43', '46', 'R0', 'R1', 'R3', 'r1']) {
      expect(visa(code, after, 'generic_decline')).toMatchObject({ kind: 'never_on_this_card', visaCategory: 1 });
    }
  });

  it('applies the Visa table in force at the attempt: 57 joins category 1 and 83 category 2 on 2026-10-25', () => {
    expect(visa('57', before)).toMatchObject({ kind: 'soft', visaCategory: 2 });
    expect(visa('57', after)).toMatchObject({ kind: 'never_on_this_card', rule: 'visa-category-1:57' });
    expect(visaCategoryOf('83', before)).toBe(3);
    expect(visaCategoryOf('83', after)).toBe(2);
    expect(visaCategoryOf('05', after)).toBe(4);
  });

  it('reads Visa funds codes as funds declines (payday alignment)', () => {
    expect(visa('51')).toMatchObject({ kind: 'soft', funds: true, visaCategory: 2 });
    expect(visa('05')).toMatchObject({ kind: 'soft', funds: false, visaCategory: 4 });
  });

  it('follows Mastercard advice codes', () => {
    expect(mc('01')).toMatchObject({ kind: 'wait_for_new_card_details', rule: 'mastercard-mac-01' });
    expect(mc('02')).toMatchObject({ kind: 'retry_after', afterHours: 72 });
    expect(mc('03')).toMatchObject({ kind: 'never_on_this_card', adviceCode: '03' });
    expect(mc('21')).toMatchObject({ kind: 'never_on_this_card' });
    expect([24, 25, 26, 27, 28, 29, 30].map((c) => (mc(String(c)) as { afterHours: number }).afterHours)).toEqual([1, 24, 48, 96, 144, 192, 240]);
    expect(mc('40')).toMatchObject({ kind: 'soft' });
  });

  it('keeps the meaning of brand-specific codes to their network', () => {
    expect(classifyDecline({ cardBrand: 'amex', networkDeclineCode: '04', networkAdviceCode: '03', at: after })).toMatchObject({ kind: 'soft' });
  });

  it('keeps Stripe hard declines as waiting for a new payment method, and decides fraudulent the same', () => {
    for (const code of HARD_DECLINE_CODES) expect(classifyDecline({ declineCode: code, at: after }).kind).toBe('wait_for_new_card_details');
    expect(classifyDecline({ declineCode: 'fraudulent', cardBrand: 'visa', networkDeclineCode: '59', at: after })).toMatchObject({ kind: 'wait_for_new_card_details', rule: 'stripe-fraudulent' });
    expect(classifyDecline({ declineCode: 'fraudulent', cardBrand: 'mastercard', networkAdviceCode: '03', at: after }).kind).toBe('never_on_this_card');
  });

  it('lets the strictest signal win: adding a signal never loosens the verdict', () => {
    const rank = (c: DeclineClass) => ({ soft: 0, retry_after: 1, wait_for_new_card_details: 2, never_on_this_card: 3 })[c.kind] * 1000 + (c.kind === 'retry_after' ? c.afterHours : 0);
    const codes = fc.constantFrom(undefined, 'insufficient_funds', 'generic_decline', 'fraudulent', ...HARD_DECLINE_CODES);
    const net = fc.constantFrom(undefined, '04', '05', '51', '57', '83', 'R3');
    const adv = fc.constantFrom(undefined, ...MASTERCARD_ADVICE_CODES.map((r) => r.code), '40');
    fc.assert(fc.property(codes, net, adv, fc.constantFrom('visa', 'mastercard'), fc.constantFrom(before, after), (declineCode, networkDeclineCode, networkAdviceCode, cardBrand, at) => {
      const all = classifyDecline({ declineCode, networkDeclineCode, networkAdviceCode, cardBrand, at });
      for (const part of [{ declineCode }, { networkDeclineCode }, { networkAdviceCode }]) {
        expect(rank(all)).toBeGreaterThanOrEqual(rank(classifyDecline({ ...part, cardBrand, at })));
      }
      expect(forbidsRetry(all)).toBe(all.kind === 'never_on_this_card' || all.kind === 'wait_for_new_card_details');
    }));
  });
});
