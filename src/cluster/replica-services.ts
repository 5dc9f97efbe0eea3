import type { Logger } from 'pino';
import { RoomDeleteGuard } from '../delete-guard.js';
import { DeleteTaskHub } from '../delete-task-hub.js';
import type { JobTuning } from '../jobs/item-context.js';
import { createJobServices, type JobServices } from '../jobs/job-services.js';
import { DeletePolls } from '../store/delete-polls.js';
import { SharedDeleteLocks } from '../store/room-delete-locks.js';
import type { Store } from '../store/store.js';
import type { Timers } from '../timers.js';
import { inProcessPubSub, postgresPubSub, type SharedPubSub } from './gateway-pubsub.js';
import { newReplicaId } from './replica.js';

/** The services whose state replicas share on PostgreSQL, and that live in this process on the embedded store. */
export interface ReplicaServices {
  replicaId: string;
  /** On PostgreSQL: other replicas share the store. */
  shared: boolean;
  events: SharedPubSub;
  deleteGuard: RoomDeleteGuard;
  deleteTaskHub: DeleteTaskHub;
  jobs: JobServices;
  /** Once the store is open: receive other replicas' events, recover jobs; the IDs of jobs now waiting for credentials. */
  start(): Promise<string[]>;
  /** A shutdown begins: nothing new starts here. */
  drain(): void;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  store: Store;
  /** postgres://…: several replicas may share it. Absent: the embedded store, this process alone. */
  databaseUrl?: string;
  deletePollIntervalMs: number;
  jobTuning?: Partial<JobTuning>;
  timers?: Timers;
  logger?: Logger;
  replicaId?: string;
}

export function createReplicaServices(options: ReplicaOptions): ReplicaServices {
  const replicaId = options.replicaId ?? newReplicaId();
  const shared = options.databaseUrl !== undefined;
  const events = options.databaseUrl ? postgresPubSub({ databaseUrl: options.databaseUrl, db: options.store, replicaId, logger: options.logger }) : inProcessPubSub();
  const deleteLocks = shared ? new SharedDeleteLocks(options.store) : undefined;
  const deleteGuard = new RoomDeleteGuard(deleteLocks);
  const jobs = createJobServices({ store: options.store, deleteGuard, tuning: options.jobTuning, timers: options.timers, logger: options.logger, pubsub: events.pubsub, replicaId });
  const maxIntervalMs = options.deletePollIntervalMs * 8;
  // A poll lease lasts three of the longest waits between polls: a replica gone is replaced before subscribers notice.
  const deletePolls = shared ? new DeletePolls(options.store, replicaId, maxIntervalMs * 3) : undefined;
  const deleteTaskHub = new DeleteTaskHub({
    intervalMs: options.deletePollIntervalMs,
    maxIntervalMs,
    timers: options.timers,
    shared: deletePolls ? { polls: deletePolls, pubsub: events.pubsub } : undefined,
  });
  return {
    replicaId,
    shared,
    events,
    deleteGuard,
    deleteTaskHub,
    jobs,
    start: async () => {
      await events.start();
      await Promise.all([deleteLocks?.prune(), deletePolls?.prune()]);
      return jobs.runner.recover({ shared });
    },
    drain: () => jobs.runner.drain(),
    close: () => events.close(),
  };
}
