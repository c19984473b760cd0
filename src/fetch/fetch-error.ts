export type FetchErrorCode =
  | 'bad-url'
  | 'blocked-address'
  | 'timeout'
  | 'too-large'
  | 'bad-content-type'
  | 'too-many-redirects'
  | 'network';

/** Every failure of the HTTP client: a code to branch on and a message that names the URL. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly url: string;

  constructor(code: FetchErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.url = url;
  }
}

export function isFetchError(value: unknown): value is FetchError {
  return value instanceof FetchError;
}
