import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT_OPERATIONS } from '../../providers/billing/http/http-billing-contract';
import { billingContractDocument } from '../../providers/billing/http/http-billing-openapi';
import { validateOpenApi as validate } from '../support/openapi-validator';

const FILE = path.resolve(__dirname, '../../docs/billing-http-contract.openapi.json');

describe('the HTTP billing contract document', () => {
  const generated = billingContractDocument();

  it('is the committed docs/billing-http-contract.openapi.json (UPDATE_BILLING_CONTRACT=1 rewrites it)', () => {
    const text = `${JSON.stringify(generated, null, 2)}\n`;
    if (process.env.UPDATE_BILLING_CONTRACT === '1') writeFileSync(FILE, text);
    expect(readFileSync(FILE, 'utf8')).toBe(text);
  });

  it('is valid OpenAPI 3.1 with one operation per contract call', () => {
    expect(validate(generated)).toEqual({ valid: true });
    expect(Object.keys(generated.paths as object).sort()).toEqual(Object.values(CONTRACT_OPERATIONS).sort());
  });
});
