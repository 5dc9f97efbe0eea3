import pg from 'pg';
import type { Queryable, Store } from './store.js';

// bigint and count(*) as numbers, as PGlite gives them (ids and counters stay far below 2^53).
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return { query: async (text, params) => (await client.query(text, params)).rows };
}

class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly query: Queryable['query'];

  constructor(private readonly pool: pg.Pool) {
    this.query = queryable(pool).query;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** PostgreSQL through a small pool: power-loss durable, and shared by several gateways. */
export async function openPostgresStore(url: string, { max = 8 } = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server dropped must not take the process down.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  return new PostgresStore(pool);
}
