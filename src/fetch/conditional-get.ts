/** Conditional GET: the validators we send, and the ones we keep from an answer. */

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Request headers that let the server answer 304 Not Modified. Empty validators send nothing. */
export function conditionalRequestHeaders(validators: Partial<Validators>): Record<string, string> {
  const headers: Record<string, string> = {};
  const etag = validators.etag?.trim();
  const lastModified = validators.lastModified?.trim();
  if (etag) headers['if-none-match'] = etag;
  if (lastModified) headers['if-modified-since'] = lastModified;
  return headers;
}

/**
 * The validators to store after an answer. A 304 often omits them; the ones we sent are still valid then, so
 * callers can store the result without special cases.
 */
export function validatorsFromResponse(
  status: number,
  headers: Record<string, string>,
  sent: Partial<Validators>,
): Validators {
  const etag = headers['etag']?.trim() || null;
  const lastModified = headers['last-modified']?.trim() || null;
  if (status === 304) {
    return { etag: etag ?? sent.etag ?? null, lastModified: lastModified ?? sent.lastModified ?? null };
  }
  return { etag, lastModified };
}
