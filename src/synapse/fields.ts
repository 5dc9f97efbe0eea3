import { z } from 'zod';

// Field shapes shared by every answer. Objects are non-strict (extra fields are dropped, never fatal) and fields that
// appeared in later Synapse versions are optional, so an older or newer server never fails a query.

/** Synapse writes some booleans as 0/1. */
export const flag = z.union([z.boolean(), z.number()]).transform(Boolean);
export const optionalFlag = flag.nullish().transform((v) => v ?? false);
export const optionalString = z.string().nullish().transform((v) => v ?? null);
export const optionalInt = z.number().int().nullish().transform((v) => v ?? null);

/**
 * Synapse mixes units: user details give creation_ts in seconds, lists and events in milliseconds. Anything below
 * 1e11 (1973 in ms, year 5138 in s) is read as seconds. Null, absent and 0 (Synapse's "never") are null.
 */
export const timestamp = z
  .number()
  .nullish()
  .transform((v) => (v == null || v === 0 ? null : new Date(v < 1e11 ? v * 1000 : v)));

/** Offsets as Synapse pages its lists: next_token is a string on some endpoints, an integer on others. */
export const pageToken = z.union([z.number(), z.string()]).nullish();

export const errorBodySchema = z.object({
  errcode: z.string().optional(),
  error: z.string().optional(),
  retry_after_ms: z.number().optional(),
});

export const emptyObjectSchema = z.object({});

/**
 * A JSON object taken as it is: checked, not copied (z.record copies every key, and events carry many that the
 * gateway only passes on).
 */
export const jsonObject = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  message: 'Invalid input: expected an object',
});
