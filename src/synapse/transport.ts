import { finished, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { z } from 'zod';
import { defaultLimits } from '../limits.js';
import { callDeadline } from './call-deadline.js';
import { unverifiedCaller, type CallScope } from './call-scope.js';
import { codeForAnswer, SynapseError } from './errors.js';
import { FairScheduler } from './fair-scheduler.js';
import { isWellFormed } from './ids.js';
import { BodyTooLargeError, capped, readCapped, StalledStreamError } from './read-capped.js';
import { clampRetryAfter, retryAfterMs } from './retry-after.js';
import { errorBodySchema } from './fields.js';

export interface RetryPolicy {
  /** Retries after the first attempt, for idempotent GETs only. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 asking to wait longer than this is handed to the client as RATE_LIMITED instead of waited out. */
  maxRetryAfterMs: number;
}

/** One HTTP attempt, as metrics and the call-counting tests see it. */
export interface UpstreamCall {
  method: string;
  path: string;
  /** The path with IDs replaced by placeholders, e.g. /_synapse/admin/v1/rooms/{roomId}/members. */
  route: string;
}

export interface UpstreamOutcome extends UpstreamCall {
  /** HTTP status, or a failure class when Synapse did not answer (timeout, reset, refused, too_large, aborted). */
  status: string;
  durationMs: number;
}

export interface TransportOptions {
  baseUrl: string;
  /** Bounds each attempt, from sending to the last byte of the body. */
  timeoutMs: number;
  maxConcurrency: number;
  /** Share of maxConcurrency one caller may hold (0..1]; default 0.75. */
  maxShare?: number;
  /** Largest body read from Synapse; default 32 MiB. */
  maxBodyBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Waits between retries; tests inject one that records the wait and returns at once. */
  delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Sees every HTTP attempt as it starts (the tests that count upstream calls). */
  onUpstreamCall?: (call: UpstreamCall) => void;
}

/** A 2xx answer whose body is being streamed; the call ends when `body` does. */
export interface StreamedAnswer {
  status: number;
  header(name: string): string | undefined;
  body: Readable;
}

export interface RequestSpec {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  /** `path` with placeholders instead of IDs: a bounded label for metrics and logs. */
  route: string;
  /** An array is sent as the parameter repeated. */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  token: string;
}

const downloadsPrefix = 'downloads:';
const maxDownloadsPerCaller = 2;

const defaultRetry: RetryPolicy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 };
const retriableStatuses = new Set([429, 502, 503, 504]);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * HTTP to one Synapse: a single connection pool shared fairly between callers, every attempt bounded in time and
 * size, retries for idempotent reads only.
 */
export class SynapseTransport {
  private readonly pool: Pool;
  readonly origin: string;
  readonly scheduler: FairScheduler;
  private readonly prefix: string;
  private readonly retry: RetryPolicy;
  private readonly maxBodyBytes: number;
  private readonly delay: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly outcomeListeners: ((outcome: UpstreamOutcome) => void)[] = [];

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
    const perCaller = Math.max(1, Math.floor(options.maxConcurrency * (options.maxShare ?? defaultLimits.maxShare)));
    // Tokens not yet known to be an admin's share a quarter of the connections between them.
    const unverified = Math.max(1, Math.floor(options.maxConcurrency / 4));
    // Downloads hold their slot as long as the client reads: a few per caller, apart from its calls.
    const downloads = Math.max(1, Math.min(maxDownloadsPerCaller, Math.floor(options.maxConcurrency / 4)));
    this.scheduler = new FairScheduler(options.maxConcurrency, perCaller, (caller) =>
      caller === unverifiedCaller ? unverified : caller.startsWith(downloadsPrefix) ? downloads : undefined,
    );
    this.retry = { ...defaultRetry, ...options.retry };
    this.maxBodyBytes = options.maxBodyBytes ?? defaultLimits.maxUpstreamBodyBytes;
    this.delay = options.delay ?? ((ms, signal) => sleep(ms, undefined, { signal }));
  }

  /** Sees every HTTP attempt when it ends (metrics). */
  onOutcome(listener: (outcome: UpstreamOutcome) => void): void {
    this.outcomeListeners.push(listener);
  }

  /**
   * One admin call. `scope` ties it to an operation: its caller's fair share, its budget, its deadline and its
   * client's presence. Without one (background work), the call runs as `caller` with no budget.
   */
  async request<S extends z.ZodType>(schema: S, spec: RequestSpec, scope?: CallScope, caller = 'gateway'): Promise<z.output<S>> {
    const pathAndQuery = spec.path + queryString(spec.query);
    const what = `${spec.method} ${spec.path}`;
    scope?.charge(what);
    const idempotent = spec.method === 'GET';
    for (let attempt = 0; ; attempt++) {
      const canRetry = idempotent && attempt < this.retry.maxRetries;
      const answer = await this.attempt(spec, pathAndQuery, what, scope, scope?.caller ?? caller, canRetry ? attempt : undefined);
      if (answer.retryAfter !== undefined) {
        await this.wait(answer.retryAfter, scope);
        continue;
      }
      if (answer.error) throw answer.error;
      return parseBody(schema, answer.text!, what, answer.status!);
    }
  }

  /**
   * A download streamed to the caller instead of read: one attempt in one of the few download slots of the caller
   * (apart from its calls), held until the body is consumed or abandoned. Waiting for the headers is bounded like
   * any call; the body by `maxBytes`, and by idleness either way: nothing from Synapse, or nothing taken by the
   * client, for `timeoutMs` ends it.
   */
  async stream(spec: RequestSpec, scope: CallScope, maxBytes: number): Promise<StreamedAnswer> {
    const pathAndQuery = spec.path + queryString(spec.query);
    const what = `${spec.method} ${spec.path}`;
    scope.charge(what);
    const release = await this.scheduler.acquire(`${downloadsPrefix}${scope.caller}`, scope.signal);
    const started = performance.now();
    const call = { method: spec.method, path: pathAndQuery, route: spec.route };
    let status = 'error';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      release();
      const outcome = { ...call, status, durationMs: performance.now() - started };
      for (const listener of this.outcomeListeners) listener(outcome);
    };
    scope.attempts++;
    this.options.onUpstreamCall?.(call);
    try {
      const response = await this.pool.request({ method: spec.method, path: this.prefix + pathAndQuery, headers: { authorization: `Bearer ${spec.token}` }, signal: scope.signal });
      status = String(response.statusCode);
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      if (response.statusCode < 200 || response.statusCode >= 300) {
        const text = await readCapped(response.body, this.maxBodyBytes, response.headers['content-length']).catch(() => '');
        throw answerError(response.statusCode, text, header('retry-after'), what);
      }
      const declared = Number(header('content-length'));
      if (declared > maxBytes) {
        response.body.destroy();
        status = 'too_large';
        throw new SynapseError('UPSTREAM_ERROR', `${what} is ${declared} bytes, over the ${maxBytes} bytes the gateway relays (MAX_MEDIA_BYTES)`);
      }
      const body = response.body.pipe(capped(maxBytes, this.options.timeoutMs));
      response.body.once('error', (error) => body.destroy(error));
      finished(body, (error) => {
        if (error) status = error instanceof BodyTooLargeError ? 'too_large' : error instanceof StalledStreamError ? 'timeout' : 'aborted';
        response.body.destroy();
      });
      // The slot is free once Synapse's side is done, read to the end or cut.
      finished(response.body, () => finish());
      return { status: response.statusCode, header, body };
    } catch (error) {
      finish();
      if (error instanceof SynapseError) throw error;
      if (scope.signal.aborted) throw scope.signal.reason;
      throw networkError(what, this.origin, (error as { code?: string }).code ?? '', this.options.timeoutMs);
    }
  }

  /**
   * One HTTP exchange in a slot of the caller's share; says what happened, or how long to wait before retrying.
   * `retryIndex` is set when a failure may be retried: it grows the backoff.
   */
  private async attempt(spec: RequestSpec, pathAndQuery: string, what: string, scope: CallScope | undefined, caller: string, retryIndex: number | undefined) {
    const canRetry = retryIndex !== undefined;
    const release = await this.scheduler.acquire(caller, scope);
    const started = performance.now();
    const call = { method: spec.method, path: pathAndQuery, route: spec.route };
    let status = 'error';
    const deadline = callDeadline(this.options.timeoutMs, scope);
    try {
      if (scope) scope.attempts++;
      this.options.onUpstreamCall?.(call);
      let statusCode: number;
      let text: string;
      let retryAfterHeader: string | undefined;
      try {
        const response = await this.pool.request({
          method: spec.method,
          path: this.prefix + pathAndQuery,
          headers: {
            authorization: `Bearer ${spec.token}`,
            ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: deadline.signal,
        });
        statusCode = response.statusCode;
        status = String(statusCode);
        const header = response.headers['retry-after'];
        retryAfterHeader = Array.isArray(header) ? header[0] : header;
        text = await readCapped(response.body, this.maxBodyBytes, response.headers['content-length']);
      } catch (error) {
        if (scope?.aborted) {
          status = 'aborted';
          return { error: scope.reason! };
        }
        if (error instanceof BodyTooLargeError) {
          status = 'too_large';
          return {
            error: new SynapseError(
              'UPSTREAM_ERROR',
              `Synapse answered ${what} with a body over ${this.maxBodyBytes} bytes (UPSTREAM_MAX_BODY_BYTES); not read`,
              { status: statusCode!, errcode: null },
            ),
          };
        }
        const code = (error as { code?: string }).code ?? '';
        status = timeoutCodes.has(code) ? 'timeout' : resetCodes.has(code) ? 'reset' : code === 'ECONNREFUSED' ? 'refused' : 'error';
        if (canRetry && resetCodes.has(code)) return { retryAfter: this.backoff(retryIndex) };
        return { error: networkError(what, this.origin, code, this.options.timeoutMs) };
      }

      if (statusCode >= 200 && statusCode < 300) return { status: statusCode, text };

      const error = answerError(statusCode, text, retryAfterHeader, what);
      if (canRetry && retriableStatuses.has(statusCode)) {
        const wait = error.retryAfterMs ?? this.backoff(retryIndex);
        if (wait <= this.retry.maxRetryAfterMs) return { retryAfter: wait };
      }
      return { error };
    } finally {
      deadline.clear();
      release();
      if (this.outcomeListeners.length > 0) {
        const outcome = { ...call, status, durationMs: performance.now() - started };
        for (const listener of this.outcomeListeners) listener(outcome);
      }
    }
  }

  /** Waits before a retry; the operation's deadline and its client's departure cut the wait short. */
  private async wait(ms: number, scope: CallScope | undefined): Promise<void> {
    try {
      await this.delay(ms, scope?.signal);
    } catch (error) {
      if (scope?.signal.aborted) throw scope.signal.reason;
      throw error;
    }
  }

  /** Exponential backoff with full jitter, capped. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private pingUnderWay?: Promise<boolean>;

  /**
   * Readiness: Synapse answers its unauthenticated versions endpoint. Probes that arrive while a ping is out share
   * it (anyone may ask /readiness: a crowd of probes is one call at a time).
   */
  ping(): Promise<boolean> {
    this.pingUnderWay ??= this.pingNow().finally(() => (this.pingUnderWay = undefined));
    return this.pingUnderWay;
  }

  private async pingNow(): Promise<boolean> {
    let release: (() => void) | undefined;
    try {
      release = await this.scheduler.acquire('readiness', AbortSignal.timeout(this.options.timeoutMs));
      const response = await this.pool.request({ method: 'GET', path: `${this.prefix}/_matrix/client/versions`, signal: AbortSignal.timeout(this.options.timeoutMs) });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    } finally {
      release?.();
    }
  }

  /** Lets calls under way finish, then closes the connections. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Closes the connections now; calls under way fail. */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

function queryString(query: RequestSpec['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (typeof one === 'string' && !isWellFormed(one)) throw new SynapseError('BAD_USER_INPUT', `${key}: contains a lone UTF-16 surrogate and cannot be sent to Synapse`);
      params.append(key, String(one));
    }
  }
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

/** Synapse's refusal as a SynapseError: its errcode and reason, and how long it asked to wait. */
function answerError(statusCode: number, text: string, retryAfterHeader: string | undefined, what: string): SynapseError {
  const body = errorBodySchema.safeParse(safeJson(text));
  const errcode = body.success ? (body.data.errcode ?? null) : null;
  const reason = body.success ? body.data.error : undefined;
  const retryAfter = statusCode === 429 ? clampRetryAfter(retryAfterMs(body.success ? body.data.retry_after_ms : undefined, retryAfterHeader)) : undefined;
  const detail = reason ? `: ${reason}` : '';
  return new SynapseError(codeForAnswer(statusCode, errcode), `Synapse answered ${what} with ${statusCode}${errcode ? ` ${errcode}` : ''}${detail}`, { status: statusCode, errcode }, retryAfter);
}

function networkError(what: string, origin: string, code: string, timeoutMs: number): SynapseError {
  if (timeoutCodes.has(code)) {
    return new SynapseError('UPSTREAM_UNAVAILABLE', `Synapse at ${origin} did not answer ${what} within ${timeoutMs} ms`);
  }
  const reason = code === 'ECONNREFUSED' ? 'connection refused' : resetCodes.has(code) ? 'connection reset' : code || 'network error';
  return new SynapseError('UPSTREAM_UNAVAILABLE', `Could not reach Synapse at ${origin} for ${what}: ${reason}`);
}
