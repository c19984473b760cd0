// The one error type extraction throws, with a machine-readable code so callers can decide
// (retry later, hold the article, give up) without parsing messages.

export type ExtractionErrorCode = 'empty' | 'not-html' | 'no-article' | 'time-budget';

export class ExtractionError extends Error {
  readonly code: ExtractionErrorCode;

  constructor(code: ExtractionErrorCode, message: string) {
    super(message);
    this.name = 'ExtractionError';
    this.code = code;
  }
}
