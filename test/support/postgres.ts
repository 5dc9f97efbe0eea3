import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Server URL of the throw-away PostgreSQL `npm run test:synapse` starts, or null when none is configured (tests on
 * PostgreSQL then skip, e.g. `describe.skipIf(!postgresUrl)`).
 */
export const postgresUrl = inject('postgresUrl');

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!postgresUrl) throw new Error('no PostgreSQL configured (POSTGRES_TEST_URL); skip this test when postgresUrl is null');
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database of its own for a test file (files may run in parallel against one server) and returns its
 * URL; `drop()` removes it even while connections are still open. End your clients and pools first all the same: the
 * server terminates any still open, and a pg client without an 'error' listener turns that into an uncaught exception.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  // Lower-case letters and digits only: a valid identifier without quoting.
  const name = `gw_test_${randomBytes(8).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
