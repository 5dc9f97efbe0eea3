import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { ManualClock } from '../../simulator/clock.js';
import type { SynapseSimulator } from '../../simulator/server.js';
import type { Fixture } from './fixture.js';
import { startSimulator } from './simulator-driver.js';

export interface Target {
  name: 'simulator' | 'real Synapse';
  url: string;
  fixture: Fixture;
  /** Only for the simulator: its internals, for faults and counters. */
  sim?: SynapseSimulator;
  clock?: ManualClock;
}

const realSynapse = inject('realSynapse');

/**
 * Declares the same scenario twice: against the simulator, and against the real Synapse when one is configured
 * (skipped, and reported by the global setup, otherwise).
 */
export function describeScenario(title: string, body: (target: () => Target) => void): void {
  describe(`${title} [simulator]`, () => {
    let target: Target | undefined;
    let sim: SynapseSimulator | undefined;
    beforeAll(async () => {
      const started = await startSimulator();
      sim = started.sim;
      target = { name: 'simulator', ...started };
    });
    afterAll(async () => sim?.close());
    body(() => target!);
  });
  describe.skipIf(!realSynapse)(`${title} [real Synapse]`, () => {
    body(() => ({ name: 'real Synapse', url: realSynapse!.url, fixture: realSynapse!.fixture }));
  });
}
