import { RunFailureType } from '../../domain/run-failures';

/** A template that cannot be rendered with the given context: rendering again would fail the same way. */
export class TemplateError extends Error {
  readonly type = RunFailureType.TemplateError;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateError';
  }
}
