import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { z } from 'zod';
import { codeForAnswer, SynapseError } from './errors.js';
import { errorBodySchema } from './schemas.js';

export interface RetryPolicy {
  /** Retries after the first attempt, for idempotent GETs only. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 asking to wait longer than this is handed to the client as RATE_LIMITED instead of waited out. */
  maxRetryAfterMs: number;
}

export interface UpstreamCall {
  method: string;
  path: string;
}

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxConcurrency: number;
  retry?: Partial<RetryPolicy>;
  /** Waits between retries; tests inject one that records the wait and returns at once. */
  delay?: (ms: number) => Promise<void>;
  /** Sees every HTTP attempt (used for metrics and for the tests that count upstream calls). */
  onUpstreamCall?: (call: UpstreamCall) => void;
}

export interface RequestSpec {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  token: string;
}

const defaultRetry: RetryPolicy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 };
const retriableStatuses = new Set([429, 502, 503, 504]);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** HTTP to one Synapse: a single connection pool, bounded concurrency, retries for idempotent reads. */
export class SynapseTransport {
  private readonly pool: Pool;
  readonly origin: string;
  private readonly prefix: string;
  private readonly retry: RetryPolicy;
  private readonly delay: (ms: number) => Promise<void>;

  constructor(private readonly options: TransportOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.maxConcurrency,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 10_000),
      keepAliveTimeout: 10_000,
    });
    this.retry = { ...defaultRetry, ...options.retry };
    this.delay = options.delay ?? ((ms) => sleep(ms));
  }

  async request<S extends z.ZodType>(schema: S, spec: RequestSpec): Promise<z.output<S>> {
    const pathAndQuery = spec.path + queryString(spec.query);
    const path = this.prefix + pathAndQuery;
    const what = `${spec.method} ${spec.path}`;
    const idempotent = spec.method === 'GET';
    for (let attempt = 0; ; attempt++) {
      const canRetry = idempotent && attempt < this.retry.maxRetries;
      let status: number;
      let text: string;
      let retryAfterHeader: string | undefined;
      try {
        this.options.onUpstreamCall?.({ method: spec.method, path: pathAndQuery });
        const response = await this.pool.request({
          method: spec.method,
          path,
          headers: {
            authorization: `Bearer ${spec.token}`,
            ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        });
        status = response.statusCode;
        const header = response.headers['retry-after'];
        retryAfterHeader = Array.isArray(header) ? header[0] : header;
        text = await response.body.text();
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (canRetry && resetCodes.has(code)) {
          await this.delay(this.backoff(attempt));
          continue;
        }
        throw networkError(what, this.origin, code, this.options.timeoutMs);
      }

      if (status >= 200 && status < 300) return parseBody(schema, text, what, status);

      const body = errorBodySchema.safeParse(safeJson(text));
      const errcode = body.success ? (body.data.errcode ?? null) : null;
      const reason = body.success ? body.data.error : undefined;
      const retryAfterMs = status === 429 ? retryAfter(body.success ? body.data.retry_after_ms : undefined, retryAfterHeader) : undefined;

      if (canRetry && retriableStatuses.has(status)) {
        const wait = retryAfterMs ?? this.backoff(attempt);
        if (wait <= this.retry.maxRetryAfterMs) {
          await this.delay(wait);
          continue;
        }
      }
      const detail = reason ? `: ${reason}` : '';
      throw new SynapseError(
        codeForAnswer(status, errcode),
        `Synapse answered ${what} with ${status}${errcode ? ` ${errcode}` : ''}${detail}`,
        { status, errcode },
        retryAfterMs,
      );
    }
  }

  /** Exponential backoff with full jitter, capped. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  /** Readiness: Synapse answers its unauthenticated versions endpoint. */
  async ping(): Promise<boolean> {
    try {
      const response = await this.pool.request({ method: 'GET', path: `${this.prefix}/_matrix/client/versions` });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function queryString(query: RequestSpec['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseBody<S extends z.ZodType>(schema: S, text: string, what: string, status: number): z.output<S> {
  const json = safeJson(text);
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problem = json === undefined ? 'a body that is not JSON' : `an unexpected body (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`;
  throw new SynapseError('UPSTREAM_ERROR', `Synapse answered ${what} with ${status} but ${problem}`, { status, errcode: null });
}

function retryAfter(bodyMs: number | undefined, header: string | undefined): number | undefined {
  if (bodyMs !== undefined) return bodyMs;
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function networkError(what: string, origin: string, code: string, timeoutMs: number): SynapseError {
  if (timeoutCodes.has(code)) {
    return new SynapseError('UPSTREAM_UNAVAILABLE', `Synapse at ${origin} did not answer ${what} within ${timeoutMs} ms`);
  }
  const reason = code === 'ECONNREFUSED' ? 'connection refused' : resetCodes.has(code) ? 'connection reset' : code || 'network error';
  return new SynapseError('UPSTREAM_UNAVAILABLE', `Could not reach Synapse at ${origin} for ${what}: ${reason}`);
}
