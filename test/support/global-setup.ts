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
  }
}

/** Seeds the real Synapse once for the whole run when one is configured; otherwise says loudly what is skipped. */
export default async function setup(project: TestProject) {
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
