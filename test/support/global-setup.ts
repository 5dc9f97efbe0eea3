import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { dumpMigratedPglite } from '../../src/store/pglite-store.js';
import type { TestProject } from 'vitest/node';
import { seedFixture, type Fixture } from './fixture.js';
import { synapseDriver } from './synapse-driver.js';

export interface RealSynapse {
  url: string;
  sharedSecret: string;
  fixture: Fixture;
}

declare module 'vitest' {
  export interface ProvidedContext {
    realSynapse: RealSynapse | null;
    /** Server URL of a throw-away PostgreSQL (tests create their own databases on it), or null when none is configured. */
    postgresUrl: string | null;
    /** A migrated PGlite database as a file: each test store loads it (under a second) instead of running initdb. */
    pgliteDump: string;
  }
}

/** Seeds the real Synapse once for the whole run when one is configured; otherwise says loudly what is skipped. */
export default async function setup(project: TestProject) {
  await setupPostgres(project);
  const dump = join(mkdtempSync(join(tmpdir(), 'pglite-dump-')), 'migrated.tar');
  writeFileSync(dump, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()));
  project.provide('pgliteDump', dump);
  const url = process.env.SYNAPSE_TEST_URL;
  const secret = process.env.SYNAPSE_TEST_SHARED_SECRET;
  if (!url || !secret) {
    if (process.env.REQUIRE_REAL_SYNAPSE === '1') {
      throw new Error('REQUIRE_REAL_SYNAPSE=1 but SYNAPSE_TEST_URL / SYNAPSE_TEST_SHARED_SECRET are not set');
    }
    console.warn(
      '\n  SKIPPED: scenario tests against a real Synapse (no SYNAPSE_TEST_URL / SYNAPSE_TEST_SHARED_SECRET).\n' +
        '  They run against the simulator only. `npm run test:synapse` starts a real Synapse and runs everything.\n',
    );
    project.provide('realSynapse', null);
    return;
  }
  const started = Date.now();
  const fixture = await seedFixture(synapseDriver(url, secret));
  console.info(`  real Synapse at ${url} seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('realSynapse', { url, sharedSecret: secret, fixture });
}

/** Checks the PostgreSQL once for the whole run when one is configured; otherwise says loudly what is skipped. */
async function setupPostgres(project: TestProject) {
  const url = process.env.POSTGRES_TEST_URL;
  if (!url) {
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but POSTGRES_TEST_URL is not set');
    console.warn(
      '\n  SKIPPED: tests on PostgreSQL (no POSTGRES_TEST_URL).\n' +
        '  `npm run test:synapse` starts a throw-away PostgreSQL and runs them.\n',
    );
    project.provide('postgresUrl', null);
    return;
  }
  // One clear failure here rather than a connection error in every test file.
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    console.info(`  PostgreSQL ${rows[0]?.server_version} at ${url}`);
  } catch (error) {
    throw new Error(`POSTGRES_TEST_URL=${url} does not answer: ${error instanceof Error ? error.message : error}`);
  } finally {
    await client.end().catch(() => {});
  }
  project.provide('postgresUrl', url);
}
