import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { ManualClock } from '../../simulator/clock.js';
import type { SynapseSimulator } from '../../simulator/server.js';
import type { Fixture, HomeserverDriver } from './fixture.js';
import { simulatorDriver, startSimulator } from './simulator-driver.js';
import { synapseDriver } from './synapse-driver.js';

export interface Target {
  name: 'simulator' | 'real Synapse';
  url: string;
  fixture: Fixture;
  /** Creates users and rooms of a test's own, through the client API (or its simulated equivalent). */
  driver: HomeserverDriver;
  /** Lets time pass: the simulator's manual clock moves at once; a real Synapse needs real time. */
  elapse(ms: number): Promise<void>;
  /** The homeserver's idea of now (the simulator's clock is manual). */
  now(): number;
  /** Only for the simulator: its internals, for faults and counters. */
  sim?: SynapseSimulator;
  clock?: ManualClock;
}

const realSynapse = inject('realSynapse');

/** A scenario only the simulator can play (it injects a fault, or needs a second homeserver the run does not have). */
export function describeSimulated(title: string, body: (target: () => Target) => void): void {
  describe(`${title} [simulator]`, () => {
    let target: Target | undefined;
    let sim: SynapseSimulator | undefined;
    beforeAll(async () => {
      const started = await startSimulator();
      sim = started.sim;
      target = {
        name: 'simulator',
        ...started,
        driver: simulatorDriver(started.sim),
        elapse: async (ms) => started.clock.advance(ms),
        now: () => started.clock.now(),
      };
    });
    afterAll(async () => sim?.close());
    body(() => target!);
  });
}

/**
 * Declares the same scenario twice: against the simulator, and against the real Synapse when one is configured
 * (skipped, and reported by the global setup, otherwise).
 */
export function describeScenario(title: string, body: (target: () => Target) => void): void {
  describeSimulated(title, body);
  describe.skipIf(!realSynapse)(`${title} [real Synapse]`, () => {
    const target: Target | undefined = realSynapse
      ? {
          name: 'real Synapse',
          url: realSynapse.url,
          fixture: realSynapse.fixture,
          driver: synapseDriver(realSynapse.url, realSynapse.sharedSecret),
          elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          now: () => Date.now(),
        }
      : undefined;
    body(() => target!);
  });
}
