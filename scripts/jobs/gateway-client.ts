import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';
import type { TypedDocumentString } from '../../test/gql/graphql.js';
import { exitCodes, JobScriptError } from './exit-codes.js';

/** An error the gateway answered with, by its code (CONFLICT, NOT_FOUND, ...), and what it means for the script. */
export class GatewayError extends JobScriptError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message, exitCodeOf(code));
  }
}

const exitCodeOf = (code: string): number => (code === 'BAD_USER_INPUT' || code === 'NOT_FOUND' ? exitCodes.usage : exitCodes.gateway);

interface FormattedError {
  message: string;
  extensions?: { code?: unknown };
}

function gatewayError(errors: readonly FormattedError[] | undefined, fallback: string): GatewayError {
  const first = errors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : fallback;
  return new GatewayError(`${code}: ${first?.message ?? 'the gateway answered without data'}`, code);
}

// A gateway restart (drain ≤ 10 s, then start) fits many times into the retries: about five minutes in all.
const retryAttempts = 30;
const maxRetryWaitMs = 10_000;
// graphql-ws pings but never gives up on a silent peer itself: a socket without a pong is dropped and retried.
const keepAliveMs = 15_000;
const pongTimeoutMs = 10_000;

/**
 * The gateway as the job scripts see it, with the admin's token. Queries and mutations go over HTTP: a graphql-ws
 * client re-sends an operation after reconnecting, and a plan or a start must never be sent twice. The job's
 * progress comes over graphql-ws, which reconnects and subscribes again by itself when the gateway restarts.
 */
export class JobsGateway {
  private ws: Client | undefined;
  private connected = false;
  private disposed = false;
  /** WebSocket connections acknowledged so far: a new one means the gateway may have restarted in between. */
  connections = 0;

  constructor(
    readonly endpoint: URL,
    private readonly token: string,
    /** Tells the operator what happens to the connection (stderr). */
    private readonly notice: (message: string) => void,
  ) {}

  async execute<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
    } catch (error) {
      throw new JobScriptError(`cannot reach the gateway at ${this.endpoint.origin}: ${(error as Error).cause ?? (error as Error).message}`, exitCodes.gateway);
    }
    const answer = (await response.json().catch(() => ({}))) as { data?: R | null; errors?: FormattedError[] };
    if (answer.errors?.length || !answer.data) throw gatewayError(answer.errors, `HTTP ${response.status}`);
    return answer.data;
  }

  /** A subscription's results, across reconnections; ends when the gateway completes it. */
  async *subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V): AsyncGenerator<R> {
    const results = this.client().iterate({ query: document.toString(), variables: variables as Record<string, unknown> });
    try {
      for (;;) {
        let next: IteratorResult<{ data?: unknown; errors?: readonly FormattedError[] }>;
        try {
          next = await results.next();
        } catch (error) {
          throw this.subscriptionFailure(error);
        }
        if (next.done) return;
        if (next.value.errors?.length || !next.value.data) throw gatewayError(next.value.errors, 'SUBSCRIPTION_FAILED');
        yield next.value.data as R;
      }
    } finally {
      await results.return?.(undefined);
    }
  }

  async close(): Promise<void> {
    this.disposed = true;
    await this.ws?.dispose();
  }

  private client(): Client {
    if (this.ws) return this.ws;
    let pongTimer: NodeJS.Timeout | undefined;
    const client = createClient({
      url: this.endpoint.href.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.token}` },
      keepAlive: keepAliveMs,
      retryAttempts,
      // Every drop is worth another try (a refused connection too, while the gateway starts again).
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, maxRetryWaitMs) + Math.random() * 500)),
      on: {
        connected: (_socket, _payload, wasRetry) => {
          this.connections++;
          this.connected = true;
          if (wasRetry) this.notice('reconnected to the gateway; following the job again');
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          if (this.connected && !this.disposed) {
            const { code, reason } = event as { code?: number; reason?: string };
            this.notice(`lost the connection to the gateway (${code ?? 'no code'}${reason ? ` ${reason}` : ''}); reconnecting`);
          }
          this.connected = false;
        },
        ping: (received) => {
          if (!received) pongTimer = setTimeout(() => client.terminate(), pongTimeoutMs).unref();
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
    });
    return (this.ws = client);
  }

  private subscriptionFailure(error: unknown): JobScriptError {
    if (Array.isArray(error)) return gatewayError(error as FormattedError[], 'SUBSCRIPTION_FAILED');
    const { code, reason, message } = error as { code?: number; reason?: string; message?: string };
    const what = code !== undefined ? `${code}${reason ? ` ${reason}` : ''}` : (message ?? String(error));
    return new JobScriptError(`lost the gateway at ${this.endpoint.origin} and could not reconnect (${what})`, exitCodes.gateway);
  }
}
