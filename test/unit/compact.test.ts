import fc from 'fast-check';
import { compact } from '../../domain/normalize/billing-enums';

describe('compact', () => {
  it('keeps every key whose value is not undefined, in order, and nothing else', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined })), (value) => {
      const out = compact(value);
      const kept = Object.keys(value).filter((k) => value[k] !== undefined);
      expect(Object.keys(out)).toEqual(kept);
      for (const k of kept) expect(out[k]).toBe(value[k]);
    }));
  });

  it('does not change its argument', () => {
    const value = { a: 1, b: undefined, c: null };
    expect(compact(value)).toEqual({ a: 1, c: null });
    expect(Object.keys(compact(value))).toEqual(['a', 'c']);
    expect(value).toEqual({ a: 1, b: undefined, c: null });
    expect('b' in value).toBe(true);
  });

  it('keeps an own "__proto__" key as a key', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as Record<string, unknown>;
    const out = compact(value);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
