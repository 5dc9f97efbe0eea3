import { PGlite } from '@electric-sql/pglite';
import { lockDirectory } from './directory-lock.js';
import { migrate } from './migrations.js';
import { openPgliteInDirectory, openPgliteFromDump, pgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import { StoreError, type Queryable, type Store } from './store.js';

/**
 * A store opened on first use (or by `ready()` at start), migrated before any query: the gateway listens, and its
 * first answers that need no store come, while PGlite's first start (initdb, several seconds) runs.
 */
export class LazyStore implements Store {
  private opening?: Promise<Store>;
  private opened?: Store;

  constructor(
    readonly kind: Store['kind'],
    private readonly open: () => Promise<Store>,
  ) {}

  ready(): Promise<Store> {
    this.opening ??= this.open().then(
      async (store) => {
        await migrate(store);
        this.opened = store;
        return store;
      },
      (error: unknown) => {
        throw error instanceof StoreError ? error : new StoreError(`The store could not be opened: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return this.opening;
  }

  async query<Row>(text: string, params?: unknown[]): Promise<Row[]> {
    return (await this.ready()).query<Row>(text, params);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return (await this.ready()).transaction(work);
  }

  async session<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return (await this.ready()).session(work);
  }

  /** Closes the store if it is open. One still opening has nothing written yet: a stopping process does not wait. */
  async close(): Promise<void> {
    await this.opened?.close();
  }
}

export interface StoreConfig {
  /** postgres://…: PostgreSQL. Absent: PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** PGlite's thread stopped while the store was open: nothing can use the store any more. */
  onLost?: (error: StoreError) => void;
}

/**
 * The configured store. The data directory is locked here, at once: a second gateway on the same directory fails at
 * start with a clear message instead of losing commits.
 */
export function storeFromConfig(config: StoreConfig): LazyStore {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    return new LazyStore('postgres', () => openPostgresStore(url));
  }
  const lock = lockDirectory(config.dataDir);
  return new LazyStore('pglite', () => openPgliteInDirectory(config.dataDir, lock.release, config.onLost));
}

/** An in-memory PGlite (its own initdb on first use): for tools and tests that bring no store. */
export function inMemoryStore(): LazyStore {
  return new LazyStore('pglite', async () => pgliteStore(await PGlite.create()));
}

/** An in-memory PGlite from a migrated dump, opened on first use (tests: under a second each). */
export function storeFromDump(dump: () => Promise<Blob>): LazyStore {
  return new LazyStore('pglite', async () => openPgliteFromDump(await dump()));
}
