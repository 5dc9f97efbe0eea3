import type { Logger } from 'pino';
import type { RoomDeleteGuard } from '../delete-guard.js';
import { ReadsInFlight } from '../poll-loop.js';
import type { AuditLog } from '../store/audit-log.js';
import { finishedJobStatuses, type JobItemRecord, type JobPhase, type JobRecord, type JobStatus, type JobStore } from '../store/jobs.js';
import { StoreError } from '../store/store.js';
import { SynapseError, transientErrorCodes } from '../synapse/errors.js';
import { realTimers, type Timers } from '../timers.js';
import type { DeleteSlots } from './delete-slots.js';
import type { JobEvents } from './job-events.js';
import { failureOf, isCredentialFailure, sleep, type ItemContext, type JobCredential, type JobTuning } from './item-context.js';
import { mapConcurrently } from './concurrently.js';
import { planEmptyRooms } from './plan-purge.js';
import { reconcileRoomDelete, runRoomDelete } from './room-delete-item.js';
import { reconcileUserDeactivation, runUserDeactivation } from './user-deactivate-item.js';

export interface JobRunnerDependencies {
  jobs: JobStore;
  audit: AuditLog;
  deleteGuard: RoomDeleteGuard;
  slots: DeleteSlots;
  events: JobEvents;
  tuning: JobTuning;
  timers?: Timers;
  logger?: Logger;
}

/** A job this process is running: its token, and the items it has in flight. */
interface ActiveJob {
  record: JobRecord;
  context: ItemContext;
  /** Items this process runs now, by phase and target: the RUNNING items of the store that are not here are orphans. */
  targets: Set<string>;
  inFlight: number;
  pumping: boolean;
  again: boolean;
}

const keyOf = (item: Pick<JobItemRecord, 'phase' | 'target'>) => `${item.phase}\u0000${item.target}`;

export class JobStateConflict extends Error {
  override readonly name = 'JobStateConflict';
}

const concurrencyOf = (job: JobRecord, phase: JobPhase): number => {
  const options = job.options as { concurrency?: number; deleteConcurrency?: number };
  if (job.kind === 'DECOMMISSION') return phase === 'DEACTIVATE_USERS' ? (options.concurrency ?? 4) : (options.deleteConcurrency ?? 3);
  return options.concurrency ?? 3;
};

/**
 * Runs jobs in this process: claims items up to each job's concurrency, runs them to their end, moves through a
 * job's phases and ends it. State lives in the store, written before and after every upstream call; the token of
 * each job lives here only, so after a restart jobs wait for an admin to resume them.
 */
export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private readonly timers: Timers;
  /** Work under way: tests move a manual clock once it has settled. */
  readonly busy = new ReadsInFlight();

  constructor(private readonly deps: JobRunnerDependencies) {
    this.timers = deps.timers ?? realTimers;
  }

  /** Resolves once no job work is under way (everything waits for a timer or for Synapse to move). */
  settled(): Promise<void> {
    return this.busy.settled();
  }

  /** At start: jobs that were running have lost their token with the process; an admin must resume them. */
  async recover(): Promise<string[]> {
    const stranded = await this.deps.jobs.withStatus(['RUNNING']);
    for (const job of stranded) {
      await this.deps.jobs.setStatus(job.id, 'WAITING_FOR_CREDENTIALS');
      this.deps.events.changed(job.id);
    }
    return stranded.map((job) => job.id);
  }

  /** Changes a job's status if it is in one of `from`, with its audit entry; the new record. */
  async transition(jobId: string, from: JobStatus[], to: JobStatus, action: string, actor: string, requestId?: string): Promise<JobRecord> {
    await this.deps.jobs.transaction(async (tx) => {
      // Locked: two moves of one job (from two requests, or two gateways on one PostgreSQL) never both pass the check.
      const job = await this.deps.jobs.get(jobId, tx, { lock: true });
      if (!job) throw new JobStateConflict(`No job ${jobId}.`);
      if (!from.includes(job.status)) throw new JobStateConflict(`Job ${jobId} is ${job.status}; ${action} needs it ${from.join(' or ')}.`);
      const id = await this.deps.audit.begin({ actor, action, target: jobId, jobId, requestId, arguments: { from: job.status, to } }, tx);
      // A job that runs again has nothing wrong with it any more (until something new goes wrong).
      await this.deps.jobs.setStatus(jobId, to, to === 'RUNNING' ? { error: null } : {}, tx);
      if (to === 'CANCELLED') await this.deps.jobs.cancelPending(jobId, tx);
      await this.deps.audit.complete(id, { ok: true }, tx);
    });
    this.deps.events.changed(jobId);
    return (await this.deps.jobs.get(jobId))!;
  }

  /** Runs (or goes on running) a job with this token: starts, resumes, or reconciles what a gone process left. */
  async run(job: JobRecord, credential: JobCredential): Promise<void> {
    const existing = this.active.get(job.id);
    const active: ActiveJob = existing ?? {
      record: job,
      targets: new Set(),
      inFlight: 0,
      pumping: false,
      again: false,
      context: {
        ...this.deps,
        timers: this.timers,
        busy: this.busy,
        credential,
        jobId: job.id,
        options: job.options,
        changed: () => this.deps.events.changed(job.id),
      },
    };
    active.record = job;
    active.context.credential = credential;
    this.active.set(job.id, active);
    // Pumping is not part of the reconciliation's tracked work: it waits for timers that only move once work settles.
    void this.busy.track(() => this.reconcile(active)).then(
      () => this.pump(active),
      (error) => this.stalled(active, error),
    );
  }

  /**
   * Items RUNNING in the store that nobody here runs (a gone process's, or one a lost token stopped): their leases are
   * waited out, then they are checked with Synapse.
   */
  private async reconcile(active: ActiveJob): Promise<void> {
    const { jobs } = this.deps;
    for (const item of await jobs.inFlight(active.record.id, active.record.phase!)) {
      if (active.targets.has(keyOf(item))) continue;
      const remaining = item.deleteId ? 0 : await jobs.leaseRemainingMs(item.jobId, item.phase, item.target);
      this.launch(active, item, async () => {
        if (remaining > 0) await sleep(active.context, remaining);
        return item.action === 'DELETE_ROOM' ? reconcileRoomDelete(active.context, item) : reconcileUserDeactivation(active.context, item);
      });
    }
  }

  /** Runs an item's work, counted in flight until it ends. */
  private launch(active: ActiveJob, item: JobItemRecord, work: () => Promise<void>): void {
    active.inFlight++;
    active.targets.add(keyOf(item));
    void this.busy.track(work).then(
      () => this.itemEnded(active, item),
      (error) => this.itemFailed(active, item, error),
    );
  }

  /** Claims items while the job runs and has room, then moves on when a phase has nothing left. */
  private async pump(active: ActiveJob): Promise<void> {
    if (active.pumping) {
      active.again = true;
      return;
    }
    active.pumping = true;
    try {
      do {
        active.again = false;
        await this.busy.track(() => this.fill(active));
      } while (active.again);
    } catch (error) {
      await this.stalled(active, error);
    } finally {
      active.pumping = false;
    }
  }

  /** The job's own steps (a claim, a phase's plan) failed: wait for credentials, try again later, or give up. */
  private async stalled(active: ActiveJob, error: unknown): Promise<void> {
    const jobId = active.record.id;
    if (isCredentialFailure(error)) {
      this.active.delete(jobId);
      await this.deps.jobs.setStatus(jobId, 'WAITING_FOR_CREDENTIALS', { error: `The token running the job stopped working: ${failureOf(error).message}` }).catch(() => undefined);
    } else if ((error instanceof SynapseError && transientErrorCodes.has(error.code)) || error instanceof StoreError) {
      this.deps.logger?.warn({ err: error, jobId }, 'job step failed; trying again');
      this.timers.schedule(Math.max((error instanceof SynapseError ? error.retryAfterMs : undefined) ?? 0, this.deps.tuning.retryBackoffMs), () => void this.pump(active));
    } else {
      this.deps.logger?.error({ err: error, jobId }, 'job runner failed');
      this.active.delete(jobId);
      await this.deps.jobs.setStatus(jobId, 'FAILED', { error: `The gateway failed running the job: ${failureOf(error).message}` }).catch(() => undefined);
    }
    active.context.changed();
  }

  private async fill(active: ActiveJob): Promise<void> {
    const { jobs, tuning } = this.deps;
    const job = await jobs.get(active.record.id);
    if (!job || job.status !== 'RUNNING') {
      // Kept while paused or waiting: a resume must know what still runs here.
      if (active.inFlight === 0 && (!job || finishedJobStatuses.includes(job.status))) this.active.delete(active.record.id);
      return;
    }
    active.record = job;
    const phase = job.phase!;
    if (phase === 'WAIT_FOR_PARTING') return this.afterParting(active);
    while (active.inFlight < concurrencyOf(job, phase)) {
      const item = await jobs.transaction((tx) => jobs.claim(tx, job.id, phase, tuning.leaseMs));
      if (!item) break;
      active.context.changed();
      this.launch(active, item, () => (item.action === 'DELETE_ROOM' ? runRoomDelete(active.context, item) : runUserDeactivation(active.context, item)));
    }
    if (active.inFlight > 0) return;
    const progress = await jobs.progress(job.id);
    if (progress.pending > 0 || progress.running > 0) return;
    if (job.kind === 'DECOMMISSION' && phase === 'DEACTIVATE_USERS') {
      await jobs.setStatus(job.id, 'RUNNING', { phase: 'WAIT_FOR_PARTING', onlyFrom: 'RUNNING' });
      active.context.changed();
      return this.afterParting(active);
    }
    await jobs.setStatus(job.id, progress.failed > 0 ? 'FAILED' : 'COMPLETED', {
      error: progress.failed > 0 ? `${progress.failed} of ${progress.total} items failed; see their errors.` : null,
      onlyFrom: 'RUNNING',
    });
    this.active.delete(job.id);
    active.context.changed();
  }

  private itemEnded(active: ActiveJob, item: JobItemRecord): void {
    active.inFlight--;
    active.targets.delete(keyOf(item));
    active.context.changed();
    void this.pump(active);
  }

  private async itemFailed(active: ActiveJob, item: JobItemRecord, error: unknown): Promise<void> {
    const { jobs, audit } = this.deps;
    active.inFlight--;
    active.targets.delete(keyOf(item));
    await this.busy
      .track(async () => {
        if (isCredentialFailure(error)) {
          // Nothing was accepted upstream for an item without a delete under way: it goes back to the queue.
          if (!item.deleteId) {
            await jobs.transaction(async (tx) => {
              await jobs.release(item, tx);
              if (item.auditId !== null) await audit.complete(item.auditId, { ok: false, errorCode: 'NOT_SENT', message: `Not sent: ${failureOf(error).message}` }, tx);
            });
          }
          const job = await jobs.get(item.jobId);
          if (job?.status === 'RUNNING') await jobs.setStatus(item.jobId, 'WAITING_FOR_CREDENTIALS', { error: `The token running the job stopped working: ${failureOf(error).message}` });
        } else {
          this.deps.logger?.error({ err: error, jobId: item.jobId, target: item.target }, 'job item failed unexpectedly');
          await jobs.update(item, { status: 'FAILED', error: failureOf(error).message, finished: true });
        }
      })
      .catch((storeError) => this.deps.logger?.error({ err: storeError, jobId: item.jobId }, 'job item could not be recorded'));
    active.context.changed();
    void this.pump(active);
  }

  /**
   * Decommission: waits for Synapse's background parting to empty the deactivated users' rooms, then plans the purge
   * of those of their rooms no local user is in any more (rooms empty before the job are purge-empty-rooms' work).
   */
  private async afterParting(active: ActiveJob): Promise<void> {
    const { jobs, tuning } = this.deps;
    const { client } = active.context.credential;
    const deactivated = await jobs.doneItems(active.record.id, 'DEACTIVATE_USERS');
    const theirRooms = new Set(deactivated.flatMap((item) => (item.review?.rooms as string[] | undefined) ?? []));
    let waiting = deactivated.map((item) => item.target);
    const deadline = this.timers.now() + tuning.partingTimeoutMs;
    // Paused or cancelled meanwhile: no purge is planned and the job is not set running again (a resume waits anew).
    const stillRunning = async () => {
      if ((await jobs.get(active.record.id))?.status === 'RUNNING') return true;
      active.again = true;
      return false;
    };
    for (;;) {
      const joined = await mapConcurrently(waiting, 8, (userId) => client.users.joinedRooms(userId).catch((error) => (isCredentialFailure(error) ? Promise.reject(error) : [])));
      waiting = waiting.filter((_, index) => joined[index]!.length > 0);
      if (waiting.length === 0 || this.timers.now() >= deadline) break;
      await sleep(active.context, tuning.pollIntervalMs);
      if (!(await stillRunning())) return;
    }
    const plan = await planEmptyRooms(client, {
      exclude: new Set((active.record.options.exclude as string[] | undefined) ?? []),
      only: theirRooms,
      pageSize: tuning.pageSize,
      phase: 'PURGE_ROOMS',
    });
    if (!(await stillRunning())) return;
    await jobs.addItems(active.record.id, plan.items);
    await jobs.setStatus(active.record.id, 'RUNNING', {
      onlyFrom: 'RUNNING',
      phase: 'PURGE_ROOMS',
      ...(waiting.length ? { error: `${waiting.length} deactivated user(s) were still in rooms after ${tuning.partingTimeoutMs} ms; their rooms were left out.` } : {}),
    });
    active.context.changed();
    active.again = true;
  }
}
