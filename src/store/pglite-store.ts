import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrations.js';
import { openPgliteThread } from './pglite-thread.js';
import type { Queryable, Store, StoreError } from './store.js';

function queryable(db: Pick<PGlite, 'query'>): Queryable {
  return { query: async (text, params) => (await db.query(text, params)).rows as never };
}

class PgliteStore implements Store {
  readonly kind = 'pglite' as const;
  readonly query: Queryable['query'];

  constructor(
    private readonly db: PGlite,
    private readonly release: () => void,
  ) {
    this.query = queryable(db).query;
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(queryable(tx)));
  }

  session<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return work(this);
  }

  async close(): Promise<void> {
    await this.db.close();
    this.release();
  }
}

export function pgliteStore(db: PGlite, release: () => void = () => {}): Store {
  return new PgliteStore(db, release);
}

/**
 * The embedded store: PostgreSQL in WebAssembly, in `dataDir/pglite`, whose lock the caller holds. It runs in a thread
 * of its own (`pglite-thread.ts`). Survives kill -9 (each commit reaches the page cache) but not power loss: PGlite
 * never fsyncs. Power-loss durability needs PostgreSQL.
 */
export async function openPgliteInDirectory(dataDir: string, release: () => void, onLost?: (error: StoreError) => void): Promise<Store> {
  try {
    const directory = join(dataDir, 'pglite');
    mkdirSync(directory, { recursive: true });
    return await openPgliteThread(directory, release, { onLost });
  } catch (error) {
    release();
    throw error;
  }
}

/** An in-memory store from a data-directory dump (tests: 0.7 s instead of 5–8 s of initdb each). */
export async function openPgliteFromDump(dump: Blob): Promise<Store> {
  return pgliteStore(await PGlite.create({ loadDataDir: dump }));
}

/** A dump of a fresh, migrated in-memory database, for `openPgliteFromDump`. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const db = await PGlite.create();
  await migrate(pgliteStore(db));
  const dump = await db.dumpDataDir('none');
  await db.close();
  return dump;
}
