/** Reading Octokit's errors without depending on its classes: a status, headers, and a response body. */

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  const value = headers?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function bodyOf(error: unknown): { message?: unknown; errors?: unknown } | undefined {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  return data !== null && typeof data === 'object' ? (data as { message?: unknown; errors?: unknown }) : undefined;
}

/** A failure GitHub may not have acted on, or may have: a 5xx, or a request that never got an answer. */
export function isServerError(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 500;
}

/**
 * A secondary rate limit ("abuse" detection): 403 or 429 with `retry-after` or a message saying so, or a 422
 * whose errors carry code `abuse` ("was submitted too quickly"). A primary limit (`x-ratelimit-remaining: 0`)
 * is not one: Probot's throttling plugin waits for its reset.
 */
export function isSecondaryRateLimit(error: unknown): boolean {
  const status = statusOf(error);
  const body = bodyOf(error);
  const message = typeof body?.message === 'string' ? body.message : String((error as Error | null)?.message ?? '');
  if (status === 403 || status === 429) {
    if (headerOf(error, 'x-ratelimit-remaining') === '0') return false;
    return headerOf(error, 'retry-after') !== undefined || /secondary rate limit|abuse/i.test(message);
  }
  if (status === 422) {
    const errors = Array.isArray(body?.errors) ? (body.errors as unknown[]) : [];
    return errors.some((e) => (e as { code?: unknown } | null)?.code === 'abuse') || /abuse|submitted too quickly/i.test(message);
  }
  return false;
}

/** A 422 that is GitHub refusing the content (a line outside the diff), not telling us to slow down. */
export function isUnprocessable(error: unknown): boolean {
  return statusOf(error) === 422 && !isSecondaryRateLimit(error);
}

export function messageOf(error: unknown): string {
  const body = bodyOf(error);
  if (typeof body?.message === 'string') return body.message;
  return error instanceof Error ? error.message : String(error);
}
