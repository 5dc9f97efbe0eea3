import pg from 'pg';
import { StoreError, type Queryable, type Store } from './store.js';

// bigint and count(*) as numbers, as PGlite gives them (ids and counters stay far below 2^53).
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Lost connections and a server going away (SQLSTATE classes 08 and 57P, or no SQLSTATE at all): not our SQL's fault. */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || code.startsWith('08') || code.startsWith('57P') || code === 'ECONNREFUSED' || code === 'ECONNRESET';
}

function unavailable(error: unknown): unknown {
  return isUnavailable(error) ? new StoreError(`PostgreSQL is unavailable: ${error instanceof Error ? error.message : String(error)}`) : error;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async (text, params) => {
      try {
        return (await client.query(text, params)).rows;
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}

/**
 * One connection's statements, in the order they were called, each sent once the one before has answered: callers may
 * send several without waiting (pg itself queues them, but only until its version 9).
 */
function inOrder(client: pg.PoolClient): Queryable {
  const direct = queryable(client);
  let previous: Promise<unknown> = Promise.resolve();
  return {
    query: <Row>(text: string, params?: unknown[]) => {
      const run = previous.then(() => direct.query<Row>(text, params));
      previous = run.catch(() => undefined);
      return run;
    },
  };
}

class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly query: Queryable['query'];

  constructor(private readonly pool: pg.Pool) {
    this.query = queryable(pool).query;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => Promise.reject(unavailable(error)));
    let broken: Error | undefined;
    // Through the queue, the ROLLBACK too: statements the work sent before it failed may still be running.
    const tx = inOrder(client);
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      await tx.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection that could not even roll back is dropped, not handed to the next caller.
      client.release(broken);
    }
  }

  async session<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => Promise.reject(unavailable(error)));
    let broken: Error | undefined;
    const db = inOrder(client);
    try {
      // Session state (advisory locks) must not outlive the work: a connection that cannot be reset is dropped.
      return await work(db);
    } finally {
      await db.query('SELECT pg_advisory_unlock_all()').catch((error: Error) => (broken = error));
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** PostgreSQL through a small pool: power-loss durable, and shared by several gateways. */
export async function openPostgresStore(url: string, { max = 16 } = {}): Promise<Store> {
  // A pool used up (Synapse slow, many waiters) fails a request after a while instead of queueing it forever.
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 15_000, keepAlive: true });
  // An idle connection the server dropped must not take the process down.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  return new PostgresStore(pool);
}
