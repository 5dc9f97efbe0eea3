/**
 * What the jobs and the audit log need of a database: PostgreSQL's SQL, on PGlite or on a real server. In a
 * transaction, statements run in the order they were called, also when one is called before the previous answered.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
}

export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction. Never hold one across a Synapse call: PGlite serializes everything behind it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection of its own, outside any transaction: session-level advisory locks, released when
   * the work ends or the connection dies with its process. PGlite has a single connection: the work runs on it.
   */
  session<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/** The one row a statement always returns (an aggregate, an INSERT … RETURNING). */
export async function oneRow<Row>(db: Queryable, text: string, params?: unknown[]): Promise<Row> {
  const [row] = await db.query<Row>(text, params);
  if (!row) throw new StoreError(`Expected a row from: ${text.slice(0, 60)}`);
  return row;
}
