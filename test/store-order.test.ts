import { afterAll, describe, expect, it } from 'vitest';
import { storeKinds, testStore } from './support/stores.js';

describe.each(storeKinds)('a transaction on %s', (kind) => {
  const store = testStore(kind);
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  afterAll(async () => {
    process.off('warning', onWarning);
    await store.close();
  });

  it('runs statements called without waiting for each other in the order they were called, and warns of nothing', async () => {
    await store.query('CREATE TABLE ordered (n int PRIMARY KEY)');
    const seen = await store.transaction(async (tx) => {
      const calls = Array.from({ length: 20 }, (_, n) => tx.query('INSERT INTO ordered VALUES ($1)', [n]));
      const counted = tx.query<{ c: number }>('SELECT count(*)::int AS c FROM ordered');
      await Promise.all(calls);
      return counted;
    });
    expect(seen).toEqual([{ c: 20 }]);
    // One that fails takes the ones after it with it, and the transaction rolls back whole: its ROLLBACK waits for
    // the statements still queued behind the failure.
    const failed = store.transaction(async (tx) => {
      const calls = [tx.query('INSERT INTO ordered VALUES (100)'), tx.query('INSERT INTO ordered VALUES (0)')];
      for (let n = 101; n < 121; n++) calls.push(tx.query('INSERT INTO ordered VALUES ($1)', [n]));
      await Promise.all(calls);
    });
    await expect(failed).rejects.toThrow(/duplicate key/);
    expect(await store.query('SELECT count(*)::int AS c FROM ordered')).toEqual([{ c: 20 }]);
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  });
});
