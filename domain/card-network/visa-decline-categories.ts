import type { Effective } from './effective-rule';

/**
 * Visa's four decline categories, by Visa response code (Stripe's `network_decline_code` on Visa charges).
 * Source: Visa Core Rules 2026 (excessive-reattempt and decline-category rules) as published by processors
 * such as TabaPay and Cielo ("Card Brands Retry Program"), Forte and Evolve ("Visa's Processing Integrity
 * Fee Program"); the category programme itself since 2021-04-01 (Stripe support, "Payment blocked due to
 * excessive retries").
 *  1 issuer will never approve — never reattempt that card;
 *  2 cannot approve now, 3 data quality (revalidate first), 4 generic — retryable within the card's budget.
 * Codes not listed are category 4 (generic).
 */
export type VisaCategory = 1 | 2 | 3 | 4;

export interface VisaCategoryRow extends Effective {
  code: string;
  category: VisaCategory;
}

const CATEGORY_PROGRAMME = '2021-04-01';
const CORE_RULES_2026_10 = '2026-10-25';
const CATEGORY_1 = ['04', '07', '12', '14', '15', '41', '43', '46', 'R0', 'R1', 'R3'];
const CATEGORY_2 = ['19', '51', '59', '61', '65', '75', '86', '91', '96', 'N3', 'N4'];
const CATEGORY_3 = ['54', '55', '82', 'N7', '1A'];

/** Every dated row; the row in force at the attempt's time applies. */
export const VISA_DECLINE_CATEGORIES: readonly VisaCategoryRow[] = [
  ...CATEGORY_1.map((code) => ({ code, category: 1 as const, from: CATEGORY_PROGRAMME })),
  // 57 "transaction not permitted to cardholder" becomes never-approve on 2026-10-25.
  { code: '57', category: 2, from: CATEGORY_PROGRAMME, until: CORE_RULES_2026_10 },
  { code: '57', category: 1, from: CORE_RULES_2026_10 },
  ...CATEGORY_2.map((code) => ({ code, category: 2 as const, from: CATEGORY_PROGRAMME })),
  // 83 moves from data quality to "cannot approve now" on 2026-10-25 (both retryable within budget).
  { code: '83', category: 3, from: CATEGORY_PROGRAMME, until: CORE_RULES_2026_10 },
  { code: '83', category: 2, from: CORE_RULES_2026_10 },
  ...CATEGORY_3.map((code) => ({ code, category: 3 as const, from: CATEGORY_PROGRAMME })),
];

/** Visa response codes that mean the money is missing (payday alignment helps): 51, 61, 65. */
export const VISA_FUNDS_CODES: readonly string[] = ['51', '61', '65'];
