import { Matches, registerDecorator, type ValidationOptions } from 'class-validator';

/** A three-letter ISO 4217 currency code (either case), on a `currency` field. */
export const IsCurrencyCode = () => Matches(/^[a-zA-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' });

/** Metadata as the generic event format allows it: at most 50 string values of up to 500 characters. */
export function IsStringMetadata(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStringMetadata',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must map keys to strings of at most 500 characters (at most 50 keys)`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length <= 50 &&
          Object.values(value).every((v) => typeof v === 'string' && v.length <= 500),
      },
    });
}
