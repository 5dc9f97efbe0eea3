import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { LazyStore, storeFromDump } from '../../src/store/open-store.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { freshPostgresDatabase, postgresUrl } from './postgres.js';

export type StoreKind = 'PGlite' | 'PostgreSQL';

const dumpPath = inject('pgliteDump');

/** A PGlite of its own, in memory, from the migrated dump the global setup made. */
export function testPgliteStore(): LazyStore {
  return storeFromDump(async () => new Blob([await readFile(dumpPath)]));
}

/** A store of its own of either kind: PostgreSQL gets a fresh database on the test server, dropped on close. */
export function testStore(kind: StoreKind): LazyStore {
  if (kind === 'PGlite') return testPgliteStore();
  let drop: (() => Promise<void>) | undefined;
  const store = new LazyStore('postgres', async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    return openPostgresStore(database.url, { max: 4 });
  });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await drop?.();
  };
  return store;
}

/** The stores every store-backed scenario runs on: PGlite always, PostgreSQL when the run has one. */
export const storeKinds: StoreKind[] = postgresUrl ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
