/** The longest wait a 429 may ask of a client; anything above is shown (and honoured) as this. */
export const maxRetryAfterMs = 3_600_000;

/** What a 429 asks: the body's retry_after_ms, else the Retry-After header (seconds or an HTTP date). */
export function retryAfterMs(bodyMs: number | undefined, header: string | undefined, now = Date.now()): number | undefined {
  if (bodyMs !== undefined) return bodyMs;
  if (header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date - now;
}

/**
 * Upstream hints are not trusted blindly: a negative, non-finite or absurd wait is ignored (the caller's own backoff
 * applies), a long one is capped at an hour.
 */
export function clampRetryAfter(ms: number | undefined): number | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(Math.round(ms), maxRetryAfterMs);
}
