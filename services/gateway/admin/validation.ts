import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

/** One invalid field: a dotted path into the body or query (`steps.1.policy.window`) and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

/** class-validator's nested errors as flat field paths, one entry per failed constraint. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...fieldErrors(error.children ?? [], path)];
  });
}

/** A 422 problem listing the invalid fields (REST and GraphQL alike). */
export function invalidFields(errors: FieldError[], detail = 'The request has invalid fields'): ProblemException {
  return new ProblemException(problem(422, detail, { errors }));
}

/** The admin API's global pipe: DTO validation, unknown fields rejected, errors as 422 problem+json with paths. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalidFields(fieldErrors(errors)),
  });
}
