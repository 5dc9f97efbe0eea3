import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteThread, pgliteTemplate, pgliteVersion } from '../src/store/pglite-thread.js';
import { StoreError, type Store } from '../src/store/store.js';

/** The embedded store as the gateway runs it on a DATA_DIR: PGlite in a thread of its own, each statement a message. */
describe('PGlite in its own thread', () => {
  const directory = mkdtempSync(join(tmpdir(), 'pglite-thread-'));
  let store: Store;
  let released = 0;

  beforeAll(async () => {
    // A new directory: made from the template.
    store = await openPgliteThread(directory, () => released++);
    await store.query('CREATE TABLE t (n int PRIMARY KEY, label text)');
  }, 120_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('answers queries with their rows, parameters and types as PGlite gives them', async () => {
    await store.query('INSERT INTO t VALUES ($1, $2), ($3, $4)', [1, 'one', 2, null]);
    expect(await store.query('SELECT n, label FROM t ORDER BY n')).toEqual([
      { n: 1, label: 'one' },
      { n: 2, label: null },
    ]);
    const [row] = await store.query<{ at: Date; doc: unknown }>(`SELECT now() AS at, '{"a":[1]}'::jsonb AS doc`);
    expect(row!.at).toBeInstanceOf(Date);
    expect(row!.doc).toEqual({ a: [1] });
  });

  it('commits a transaction whose work returns, and rolls back one whose work throws', async () => {
    expect(await store.transaction(async (tx) => (await tx.query('INSERT INTO t VALUES (10, $1) RETURNING n', ['kept']))[0])).toEqual({ n: 10 });
    await expect(
      store.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (11, $1)', ['dropped']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.query('SELECT n FROM t WHERE n >= 10 ORDER BY n')).toEqual([{ n: 10 }]);
  });

  it('rejects a failing statement with PostgreSQL’s error (message and SQLSTATE, not a StoreError), and rolls its transaction back', async () => {
    const failed = store.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (20, $1)', ['before']);
      await tx.query('INSERT INTO t VALUES (10, $1)', ['duplicate']);
    });
    const error = (await failed.catch((caught: unknown) => caught)) as Error & { code?: string };
    // A StoreError means the store is unavailable (retried, answered STORE_UNAVAILABLE); this is the statement's fault.
    expect(error).not.toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/duplicate key/);
    expect(error.code).toBe('23505');
    expect(await store.query('SELECT n FROM t WHERE n = 20')).toEqual([]);
    // The store goes on.
    expect(await store.query('SELECT count(*)::int AS c FROM t')).toEqual([{ c: 3 }]);
  });

  it('runs statements sent without waiting in the order they were sent, in one transaction', async () => {
    const rows = await store.transaction(async (tx) => {
      const inserted = tx.query('INSERT INTO t VALUES (30, $1)', ['pipelined']);
      const read = tx.query<{ label: string }>('SELECT label FROM t WHERE n = 30');
      const [, seen] = await Promise.all([inserted, read]);
      return seen;
    });
    expect(rows).toEqual([{ label: 'pipelined' }]);
  });

  it('runs statements from outside an open transaction after it ends, never inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertDone = new Promise<void>((resolve) => (inserted = resolve));
    const first = store.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (40, $1)', ['rolled back']);
      inserted();
      await held;
      throw new Error('rolled back');
    });
    await insertDone;
    const outside = store.query('INSERT INTO t VALUES (41, $1)', ['outside']);
    const second = store.transaction((tx) => tx.query<{ n: number }>('SELECT n FROM t WHERE n IN (40, 41) ORDER BY n'));
    release();
    await expect(first).rejects.toThrow('rolled back');
    await outside;
    // Had they run inside the first transaction, its rollback would have taken 41 with it, and the second would see 40.
    expect(await second).toEqual([{ n: 41 }]);
  });

  it('keeps what was committed across a reopen of the directory, and fails every statement once closed', async () => {
    await store.close();
    expect(released).toBe(1);
    await expect(store.query('SELECT 1')).rejects.toBeInstanceOf(StoreError);
    store = await openPgliteThread(directory, () => released++);
    expect(await store.query('SELECT n FROM t ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }, { n: 10 }, { n: 30 }, { n: 41 }]);
    await store.close();
    expect(released).toBe(2);
  }, 60_000);
});

it('tells its owner once when its thread stops unasked, and fails every statement from then on', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'pglite-lost-'));
  const lost: Error[] = [];
  const store = await openPgliteThread(directory, () => {}, { onLost: (error) => lost.push(error) });
  expect(await store.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  // As if PGlite crashed or ran out of memory.
  await (store as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  await expect(store.query('SELECT 1')).rejects.toBeInstanceOf(StoreError);
  expect(lost.map((error) => error.message)).toEqual([expect.stringMatching(/thread stopped/)]);
  await store.close().catch(() => undefined);
  expect(lost).toHaveLength(1);
  rmSync(directory, { recursive: true, force: true });
}, 60_000);

describe('a new data directory', () => {
  const parent = mkdtempSync(join(tmpdir(), 'pglite-new-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('has a template for the installed PGlite (after changing its version: npm run pglite:template)', () => {
    expect(existsSync(pgliteTemplate()), `no ${pgliteTemplate().pathname} for PGlite ${pgliteVersion()}`).toBe(true);
  });

  it('starts from the template, unpacked beside it and renamed into place; a staging copy a kill left behind is made again', async () => {
    const directory = join(parent, 'from-template');
    mkdirSync(directory);
    mkdirSync(`${directory}.new`);
    writeFileSync(join(`${directory}.new`, 'PG_VERSION'), 'half made');
    const store = await openPgliteThread(directory, () => {});
    expect(existsSync(`${directory}.new`)).toBe(false);
    expect(await store.query<{ ok: boolean }>(`SELECT current_setting('server_version_num')::int >= 170000 AS ok`)).toEqual([{ ok: true }]);
    await store.query('CREATE TABLE kept (n int)');
    await store.query('INSERT INTO kept VALUES (1)');
    await store.close();
    // Opened again as it is: not unpacked over.
    const again = await openPgliteThread(directory, () => {});
    expect(await again.query('SELECT n FROM kept')).toEqual([{ n: 1 }]);
    await again.close();
  }, 60_000);

  it('runs initdb without a template', async () => {
    const directory = join(parent, 'initdb');
    mkdirSync(directory);
    const store = await openPgliteThread(directory, () => {}, { template: false });
    expect(existsSync(join(directory, 'PG_VERSION'))).toBe(true);
    expect(await store.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await store.close();
  }, 120_000);
});
