import { RoomDeleteGuard } from '../../src/delete-guard.js';
import type { JobTuning } from '../../src/jobs/item-context.js';
import { createJobServices, type JobServices } from '../../src/jobs/job-services.js';
import { realTimers } from '../../src/timers.js';
import { createTestGateway, type TestGateway } from './gateway.js';
import { testStore, type StoreKind } from './stores.js';
import type { Target } from './targets.js';

export interface JobsHarness {
  gateway: TestGateway;
  services: JobServices;
  /**
   * Lets the job work until `done()` holds: on the simulator, time moves on its manual clock once the jobs' work has
   * settled; on a real Synapse, real time passes.
   */
  drive(done: () => Promise<boolean>, what: string): Promise<void>;
  close(): Promise<void>;
}

/** Small pages (plans walk several of them), fast polls, short backoffs. */
export const testTuning: JobTuning = { pollIntervalMs: 100, leaseMs: 60_000, maxAttempts: 3, retryBackoffMs: 500, partingTimeoutMs: 60_000, pageSize: 4 };

/** A gateway in front of the target with a store of its own of the given kind, its jobs on the target's clock. */
export async function jobsHarness(target: Target, kind: StoreKind, tuning: Partial<JobTuning> = {}): Promise<JobsHarness> {
  const deleteGuard = new RoomDeleteGuard();
  const services = createJobServices({ store: testStore(kind), deleteGuard, timers: target.clock ?? realTimers, tuning: { ...testTuning, ...tuning } });
  const gateway = createTestGateway(target.url, target.fixture.admin.token, {}, { deleteGuard, jobs: services });
  await gateway.warmAdminCheck();
  return {
    gateway,
    services,
    drive: async (done, what) => {
      for (let step = 0; step < 4000; step++) {
        if (await done()) return;
        if (target.clock) {
          await services.runner.settled();
          // Sockets (subscribers, the simulator's answers) get their turn before time moves.
          await new Promise((resolve) => setImmediate(resolve));
          target.clock.advance(50);
        } else await target.elapse(50);
      }
      throw new Error(`gave up waiting until ${what}`);
    },
    close: async () => {
      await gateway.close();
      await services.store.close();
    },
  };
}
