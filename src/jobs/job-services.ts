import type { Logger } from 'pino';
import { inProcessPubSub, type GatewayPubSub } from '../cluster/gateway-pubsub.js';
import { newReplicaId } from '../cluster/replica.js';
import type { RoomDeleteGuard } from '../delete-guard.js';
import { AuditLog } from '../store/audit-log.js';
import { JobStore } from '../store/jobs.js';
import type { Store } from '../store/store.js';
import type { Timers } from '../timers.js';
import { DeleteDurations } from './delete-durations.js';
import { DeleteSlots } from './delete-slots.js';
import type { JobTuning } from './item-context.js';
import { JobEvents } from './job-events.js';
import { JobRunner } from './job-runner.js';

export const defaultJobTuning: JobTuning = {
  pollIntervalMs: 1000,
  // Far longer than an upstream call may take (SYNAPSE_TIMEOUT_MS, 10 s by default).
  leaseMs: 60_000,
  maxAttempts: 3,
  retryBackoffMs: 5_000,
  partingTimeoutMs: 10 * 60_000,
  pageSize: 500,
};

/** The store and what stands on it: the audit log, jobs and their runner, their change notices. */
export interface JobServices {
  store: Store;
  audit: AuditLog;
  jobs: JobStore;
  runner: JobRunner;
  events: JobEvents;
  slots: DeleteSlots;
  tuning: JobTuning;
}

export function createJobServices(options: {
  store: Store;
  deleteGuard: RoomDeleteGuard;
  tuning?: Partial<JobTuning>;
  timers?: Timers;
  logger?: Logger;
  /** Change notices of jobs: in this process (the default, the embedded store), or between replicas on PostgreSQL. */
  pubsub?: GatewayPubSub;
  replicaId?: string;
}): JobServices {
  const tuning = { ...defaultJobTuning, ...options.tuning };
  const audit = new AuditLog(options.store);
  const jobs = new JobStore(options.store);
  const pubsub = options.pubsub ?? inProcessPubSub().pubsub;
  const replicaId = options.replicaId ?? newReplicaId();
  const events = new JobEvents(pubsub, replicaId);
  const slots = new DeleteSlots(5, tuning.pollIntervalMs, options.timers);
  const deleteDurations = new DeleteDurations(tuning.pollIntervalMs);
  const runner = new JobRunner({ jobs, audit, deleteGuard: options.deleteGuard, slots, deleteDurations, events, tuning, replicaId, timers: options.timers, logger: options.logger });
  return { store: options.store, audit, jobs, runner, events, slots, tuning };
}
