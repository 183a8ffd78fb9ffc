import type { JsonViolation } from '../../../domain/json-limits';
import { problem, type ProblemDetails } from '../../common/http/problem-details';

/** The problem answering an input over the limits: 413 for depth and width, 400 for strings and ids. */
export function violationProblem(violation: JsonViolation, where: 'body' | 'query' | 'path' = 'body'): ProblemDetails {
  const detail = violation.kind === 'too_large'
    ? `The ${where} is too large: ${violation.message}`
    : `The ${where} has a value that cannot be accepted: ${violation.message}`;
  return problem(violation.kind === 'too_large' ? 413 : 400, detail, { errors: [{ path: violation.path, message: violation.message }] });
}
