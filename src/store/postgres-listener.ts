import pg from 'pg';
import type { Logger } from 'pino';

const firstRetryMs = 100;
const maxRetryMs = 5_000;
/** A connection a NAT or load balancer dropped without a word is found out by the next ping. */
const pingEveryMs = 30_000;
const pingTimeoutMs = 10_000;

/**
 * LISTEN on a connection of its own (a real session: a transaction pooler such as PgBouncer cannot carry it). A lost
 * connection is opened again with backoff; NOTIFY has no replay, so after a reconnect `resync` says that
 * notifications may have been missed and listeners should read the rows again.
 */
export class PostgresListener {
  private client?: pg.Client;
  private closed = false;
  private retryMs = firstRetryMs;
  private pinger?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly deliver: (payload: string) => void,
    private readonly resync: () => void,
    private readonly logger?: Logger,
  ) {}

  /** Resolves once listening; rejects if PostgreSQL cannot be reached at all. */
  async start(): Promise<void> {
    this.client = await this.connect();
    this.pinger = setInterval(() => void this.ping(), pingEveryMs).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pinger);
    await this.client?.end().catch(() => undefined);
  }

  private async ping(): Promise<void> {
    const client = this.client;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('ping timed out')), pingTimeoutMs)));
    try {
      await Promise.race([client.query('SELECT 1'), timedOut]);
    } catch {
      this.lost(client);
    } finally {
      clearTimeout(timer);
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== undefined) this.deliver(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    return client;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.logger?.warn({ channel: this.channel }, 'LISTEN connection to PostgreSQL lost; reconnecting');
    this.reconnect();
  }

  private reconnect(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.connect().then(
        (client) => {
          if (this.closed) return void client.end().catch(() => undefined);
          this.client = client;
          this.retryMs = firstRetryMs;
          this.logger?.info({ channel: this.channel }, 'LISTEN connection to PostgreSQL back');
          this.resync();
        },
        () => {
          this.retryMs = Math.min(maxRetryMs, this.retryMs * 2);
          this.reconnect();
        },
      );
    }, this.retryMs).unref();
  }
}
