// The simulator's HTTP vocabulary: routes, errors as Synapse words them, and Synapse's own parameter checks
// (synapse/http/servlet.py), so that every route parses its query and body the way Synapse does.

export type Answer = [number, unknown];

export interface RequestContext {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  /** The caller's user ID ('' on routes that need no token). */
  requester: string;
}

export interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  auth: 'none' | 'user' | 'admin';
  handle: (ctx: RequestContext) => Answer | Promise<Answer>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const adminPrefix = '^/_synapse/admin';

/** A route; `name` is what the call counters count it as ("GET rooms/details"). */
export function route(name: string, method: string, pattern: string, auth: Route['auth'], handle: Route['handle']): Route {
  return { name: `${method} ${name}`, method, pattern: new RegExp(`${pattern}$`), auth, handle };
}

export const notFound = (message: string) => new HttpError(404, 'M_NOT_FOUND', message);
export const unknown400 = (message: string) => new HttpError(400, 'M_UNKNOWN', message);
export const invalidParam = (message: string) => new HttpError(400, 'M_INVALID_PARAM', message);

/** parse_integer: absent → fallback, not a non-negative integer → 400 M_INVALID_PARAM. */
export function parseInteger(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) throw invalidParam(`Query parameter ${name} must be an integer`);
  const value = Number(raw);
  if (value < 0) throw invalidParam(`Query parameter ${name} must be a positive integer.`);
  return value;
}

/** parse_boolean: exactly `true` or `false`. */
export function parseBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw !== 'true' && raw !== 'false') throw invalidParam(`Boolean query parameter '${name}' must be one of ['true', 'false']`);
  return raw === 'true';
}

/** parse_string with allowed_values. */
export function parseEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw invalidParam(`Query parameter '${name}' must be one of [${allowed.map((v) => `'${v}'`).join(', ')}]`);
  return raw as T;
}

/** parse_strings_from_args: every value of a repeated parameter, each one of `allowed` if given; null when absent. */
export function parseStrings<T extends string>(query: URLSearchParams, name: string, allowed?: readonly T[]): T[] | null {
  const values = query.getAll(name);
  if (values.length === 0) return null;
  for (const value of values) {
    if (allowed && !(allowed as readonly string[]).includes(value)) {
      throw invalidParam(`Query parameter '${name}' must be one of [${allowed.map((v) => `'${v}'`).join(', ')}]`);
    }
  }
  return values as T[];
}

/** parse_json_object_from_request: a JSON object, or 400 M_NOT_JSON / M_BAD_JSON (an empty body only if allowed). */
export function jsonObject(body: unknown, { allowEmpty = false } = {}): Record<string, unknown> {
  if (body === undefined) {
    if (allowEmpty) return {};
    throw new HttpError(400, 'M_NOT_JSON', 'Content not JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'M_BAD_JSON', 'Content must be a JSON object.');
  return body as Record<string, unknown>;
}

/** assert_params_in_dict. */
export function requireParams(object: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((name) => !(name in object));
  if (missing.length > 0) throw new HttpError(400, 'M_MISSING_PARAM', `Missing params: [${missing.map((n) => `'${n}'`).join(', ')}]`);
}

/** A boolean body field, as the admin servlets check them. */
export function booleanField(object: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = object[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new HttpError(400, 'M_BAD_JSON', `Param '${name}' must be a boolean, if given`);
  return value;
}

// RoomID.is_valid: "!localpart:server" or "!" + 43 URL-safe base64 characters.
export const isLegalRoomId = (id: string) => /^!([^:]*:[A-Za-z0-9.[\]:-]+|[A-Za-z0-9_-]{43})$/.test(id);
export const isLegalUserId = (id: string) => /^@[^:]+:.+$/.test(id);

export function legalRoomId(roomId: string): string {
  if (!isLegalRoomId(roomId)) throw unknown400(`${roomId} is not a legal room ID`);
  return roomId;
}

/** SQLite order: NULL first, then numbers and booleans, then text by UTF-8 bytes (the BINARY collation). */
export function compareSqlite(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'boolean' || typeof a === 'number') return Number(a) - Number(b);
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** One page of a list, with Synapse's total and (string) next_token. */
export function offsetPage<T>(items: T[], query: URLSearchParams, defaultLimit = 100): { page: T[]; total: number; nextToken?: string; from: number; limit: number } {
  const from = parseInteger(query, 'from', 0);
  const limit = parseInteger(query, 'limit', defaultLimit);
  return { page: items.slice(from, from + limit), total: items.length, from, limit, ...(from + limit < items.length ? { nextToken: String(from + limit) } : {}) };
}

/** An answer that is not JSON (a media file). */
export class RawBody {
  constructor(
    readonly content: Buffer,
    readonly contentType: string,
    readonly fileName?: string | null,
  ) {}
}
