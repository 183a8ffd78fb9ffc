import fc from 'fast-check';
import { jsonViolation, storableText } from '../../domain/json-limits';

const limits = { maxDepth: 8, maxWidth: 5, maxIdLength: 10 };
const deep = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('jsonViolation', () => {
  it('accepts values within the limits', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
      expect(jsonViolation(value, { ...limits, maxWidth: 1e9, maxIdLength: 1e9 })).toBeUndefined();
    }));
    expect(jsonViolation({ id: 'evt_123', data: { object: { customer_id: 'cus_1', items: [1, 2, 3] } } }, limits)).toBeUndefined();
  });

  it('finds depth exactly at the limit, iteratively (no stack overflow at 100 000 levels)', () => {
    expect(jsonViolation(deep(8), limits)).toBeUndefined();
    expect(jsonViolation(deep(9), limits)).toMatchObject({ kind: 'too_large' });
    expect(jsonViolation(deep(100_000), limits)).toMatchObject({ kind: 'too_large', message: 'nesting deeper than 8 levels' });
  });

  it('bounds keys and items per level', () => {
    expect(jsonViolation({ list: [1, 2, 3, 4, 5] }, limits)).toBeUndefined();
    expect(jsonViolation({ list: [1, 2, 3, 4, 5, 6] }, limits)).toEqual({ kind: 'too_large', path: 'list', message: 'more than 5 items' });
    expect(jsonViolation(Object.fromEntries('abcdef'.split('').map((k) => [k, 1])), limits)).toMatchObject({ kind: 'too_large', path: '(root)' });
  });

  it('bounds id-like keys only, wherever they are', () => {
    expect(jsonViolation({ note: 'x'.repeat(50) }, limits)).toBeUndefined();
    for (const key of ['id', 'customer_id', 'invoiceId']) {
      expect(jsonViolation({ a: [{ [key]: 'x'.repeat(11) }] }, limits)).toEqual({ kind: 'invalid', path: `a.0.${key}`, message: 'an id is at most 10 characters' });
    }
    expect(jsonViolation({ paid: 'x'.repeat(11) }, limits)).toBeUndefined();
  });

  it('bounds Stripe reference fields (a customer id under `customer`), not an expanded object under them', () => {
    for (const key of ['customer', 'subscription', 'payment_method', 'latest_invoice']) {
      expect(jsonViolation({ data: { object: { [key]: 'x'.repeat(11) } } }, limits)).toMatchObject({ kind: 'invalid', path: `data.object.${key}` });
    }
    expect(jsonViolation({ customer: { id: 'cus_1', name: 'x'.repeat(50) } }, limits)).toBeUndefined();
    expect(jsonViolation({ description: 'x'.repeat(50) }, limits)).toBeUndefined();
  });

  it('finds a NUL or a lone surrogate in any string or key, with its path', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.constantFrom('\u0000', '\ud800', '\udfff'), (before, after, bad) => {
      expect(storableText(`${before}${bad}${after}`)).toBe(false);
      expect(jsonViolation({ a: { b: [`${before}${bad}${after}`] } }, { ...limits, maxWidth: 100 })).toMatchObject({ kind: 'invalid', path: 'a.b.0' });
      expect(jsonViolation({ [`k${bad}`]: 1 }, limits)).toMatchObject({ kind: 'invalid', path: `k${bad}` });
    }));
    expect(storableText('emoji 😀 ok')).toBe(true);
  });
});
