import type { Logger } from 'pino';
import type { RoomDeleteGuard } from '../delete-guard.js';
import { ReadsInFlight } from '../poll-loop.js';
import type { AuditLog } from '../store/audit-log.js';
import { finishedJobStatuses, type JobItemRecord, type JobPhase, type JobRecord, type JobStatus, type JobStore } from '../store/jobs.js';
import { StoreError, type Queryable } from '../store/store.js';
import { SynapseError, transientErrorCodes } from '../synapse/errors.js';
import { realTimers, type Timers } from '../timers.js';
import type { DeleteDurations } from './delete-durations.js';
import type { DeleteSlots } from './delete-slots.js';
import type { JobEvents } from './job-events.js';
import { failureOf, isCredentialFailure, sleep, type ItemContext, type JobCredential, type JobTuning } from './item-context.js';
import { mapConcurrently } from './concurrently.js';
import { planEmptyRooms } from './plan-purge.js';
import { reconcileRoomDelete, runRoomDelete } from './room-delete-item.js';
import { firstAttemptEntry, reconcileUserDeactivation, runUserDeactivation } from './user-deactivate-item.js';

export interface JobRunnerDependencies {
  jobs: JobStore;
  audit: AuditLog;
  deleteGuard: RoomDeleteGuard;
  slots: DeleteSlots;
  deleteDurations: DeleteDurations;
  events: JobEvents;
  tuning: JobTuning;
  /** This process among the replicas sharing the store. */
  replicaId: string;
  timers?: Timers;
  logger?: Logger;
}

/** A job this process is running: its token, and the items it has in flight. */
interface ActiveJob {
  record: JobRecord;
  context: ItemContext;
  /** Items this process runs now, by phase and target: the RUNNING items of the store that are not here are orphans. */
  targets: Set<string>;
  pumping: boolean;
  again: boolean;
  /** Its token stopped working, or this replica drains: nothing new starts here. */
  retired: boolean;
  /** Items of gone runners whose leases are being waited out, so that they are waited for once. */
  orphans: Set<string>;
  /** This replica waits for a decommission's parting now. */
  parting: boolean;
}

const keyOf = (item: Pick<JobItemRecord, 'phase' | 'target'>) => `${item.phase}\u0000${item.target}`;
const splitKey = (key: string) => {
  const [phase, target] = key.split('\u0000') as [JobPhase, string];
  return { phase, target };
};

export class JobStateConflict extends Error {
  override readonly name = 'JobStateConflict';
}

const concurrencyOf = (job: JobRecord, phase: JobPhase): number => {
  const options = job.options as { concurrency?: number; deleteConcurrency?: number };
  if (job.kind === 'DECOMMISSION') return phase === 'DEACTIVATE_USERS' ? (options.concurrency ?? 4) : (options.deleteConcurrency ?? 3);
  return options.concurrency ?? 3;
};

const strandedError = 'No gateway holds a token for this job any more (restarted, or its token stopped working): an admin must call resumeJob.';

/**
 * Runs jobs in this process: claims items up to each job's concurrency, runs them to their end, moves through a
 * job's phases and ends it. State lives in the store, written before and after every upstream call; the token of
 * each job lives here only. Several replicas on one PostgreSQL share the work of a job they hold tokens for: items
 * are claimed with leases that a live replica renews, and a replica that is gone leaves leases that run out, after
 * which another one checks its items with Synapse before acting. A job no replica holds a token for any more waits
 * for an admin to resume it.
 */
export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private readonly timers: Timers;
  /** Work under way: tests move a manual clock once it has settled. */
  readonly busy = new ReadsInFlight();
  private ticking = false;
  /** Other replicas share the store: jobs whose workers all went away are looked for on every tick. */
  private shared = false;
  private draining = false;

  constructor(private readonly deps: JobRunnerDependencies) {
    this.timers = deps.timers ?? realTimers;
    // Pause, resume, cancel and freed places at other replicas reach the work here (this replica's own changes are
    // followed by its own steps: reacting to them too would turn a failing step into a loop).
    deps.events.onEveryChange((jobId, fromHere) => {
      if (fromHere) return;
      for (const active of jobId === null ? [...this.active.values()] : [this.active.get(jobId)]) if (active) void this.pump(active);
    });
  }

  /** Resolves once no job work is under way (everything waits for a timer or for Synapse to move). */
  settled(): Promise<void> {
    return this.busy.settled();
  }

  /**
   * At start. Alone on the store (`shared` false, the embedded store), whoever ran jobs before is gone: jobs that were
   * running wait for an admin to resume them. Among replicas, only jobs no live replica works on do, now and on every
   * tick from here on.
   */
  async recover({ shared = false }: { shared?: boolean } = {}): Promise<string[]> {
    this.shared = shared;
    if (!shared) await this.deps.jobs.forgetWorkers();
    const stranded = await this.strand();
    this.tick();
    return stranded;
  }

  private async strand(): Promise<string[]> {
    const stranded = await this.deps.jobs.strandUnworked(strandedError, this.deps.tuning.leaseMs);
    for (const jobId of stranded) this.deps.events.changed(jobId);
    return stranded;
  }

  /**
   * Every quarter lease while there is work here (or, among replicas, always): this replica's workers and leases are
   * renewed, items of gone runners are looked for, and jobs nobody works on any more are stranded.
   */
  private tick(): void {
    if (this.ticking || (this.active.size === 0 && !this.shared)) return;
    this.ticking = true;
    this.timers.schedule(this.deps.tuning.leaseMs / 4, () => {
      this.ticking = false;
      void this.busy
        .track(async () => {
          // Items under way keep their leases while this process lives, even once it stopped taking new ones.
          const items = [...this.active.values()].flatMap((active) => [...active.targets].map((key) => ({ jobId: active.record.id, ...splitKey(key) })));
          const mine = [...this.active.values()].filter((active) => !active.retired);
          await this.deps.jobs.heartbeat(this.deps.replicaId, mine.map((active) => active.record.id), items, this.deps.tuning.leaseMs);
          for (const active of mine) {
            if (active.record.status === 'RUNNING') await this.reconcile(active);
            // Work another replica held (a parting wait, a job's last items) may have passed to this one, and a
            // start, pause or resume whose notice was lost is seen here.
            void this.pump(active);
          }
          if (this.shared) await this.strand();
        })
        .catch((error: unknown) => this.deps.logger?.warn({ err: error }, 'job heartbeat failed; trying again'))
        .finally(() => this.tick());
    });
  }

  /**
   * A rolling restart: nothing new starts here; items under way go on until the process ends, their leases renewed
   * until then. This replica's workers are no longer renewed: the replicas holding a token go on with the job and
   * take its items over once the process is gone (never while it may still act on them), or, if none does, the job
   * waits for credentials.
   */
  drain(): void {
    this.draining = true;
    for (const active of this.active.values()) active.retired = true;
  }

  /**
   * A token for a job this replica does not run yet (a subscriber's): it joins the replicas working on the job
   * whenever it runs (planned jobs once started; a job waiting for credentials still needs resumeJob).
   */
  async offer(job: JobRecord, credential: JobCredential): Promise<void> {
    const existing = this.active.get(job.id);
    if ((existing && !existing.retired) || this.draining || finishedJobStatuses.includes(job.status)) return;
    await this.run(job, credential);
  }

  /** Changes a job's status if it is in one of `from`, with its audit entry; the new record. */
  async transition(jobId: string, from: JobStatus[], to: JobStatus, action: string, actor: string, requestId?: string): Promise<JobRecord> {
    if (to === 'RUNNING' && this.draining) throw new JobStateConflict('This gateway is shutting down; send the request again (another replica takes it).');
    await this.deps.jobs.transaction(async (tx) => {
      // Locked: two moves of one job (from two requests, or two gateways on one PostgreSQL) never both pass the check.
      const job = await this.deps.jobs.get(jobId, tx, { lock: true });
      if (!job) throw new JobStateConflict(`No job ${jobId}.`);
      if (!from.includes(job.status)) throw new JobStateConflict(`Job ${jobId} is ${job.status}; ${action} needs it ${from.join(' or ')}.`);
      const id = await this.deps.audit.begin({ actor, action, target: jobId, jobId, requestId, arguments: { from: job.status, to } }, tx);
      // A job that runs again has nothing wrong with it any more (until something new goes wrong).
      await this.deps.jobs.setStatus(jobId, to, to === 'RUNNING' ? { error: null } : {}, tx);
      // In the same transaction: another replica never sees the job running with nobody to run it.
      if (to === 'RUNNING') await this.deps.jobs.addWorker(jobId, this.deps.replicaId, this.deps.tuning.leaseMs, tx);
      if (to === 'CANCELLED') await this.deps.jobs.cancelPending(jobId, tx);
      await this.deps.audit.complete(id, { ok: true }, tx);
    });
    this.deps.events.changed(jobId);
    return (await this.deps.jobs.get(jobId))!;
  }

  /** Runs (or goes on running) a job with this token: starts, resumes, joins, or reconciles what a gone process left. */
  async run(job: JobRecord, credential: JobCredential): Promise<void> {
    const existing = this.active.get(job.id);
    const active: ActiveJob = existing ?? {
      record: job,
      targets: new Set(),
      orphans: new Set(),
      parting: false,
      pumping: false,
      again: false,
      retired: false,
      context: {
        ...this.deps,
        timers: this.timers,
        busy: this.busy,
        credential,
        jobId: job.id,
        options: job.options,
        changed: () => this.deps.events.changed(job.id),
        // Only alone on the embedded store, whose transactions run one at a time. On PostgreSQL the item's row then the
        // job's (or the other way round) deadlocked with attempts that hold an item and then share the job's row, and
        // with heartbeats renewing many items' leases.
        successorClaim: (ended) => (this.shared || active.retired || !active.targets.has(keyOf(ended)) ? undefined : (tx) => this.claimSuccessor(active, ended, tx)),
      },
    };
    active.record = job;
    active.retired = false;
    active.context.credential = credential;
    this.active.set(job.id, active);
    this.tick();
    // Pumping is not part of the reconciliation's tracked work: it waits for timers that only move once work settles.
    void this.busy.track(async () => {
      await this.deps.jobs.addWorker(job.id, this.deps.replicaId, this.deps.tuning.leaseMs);
      await this.reconcile(active);
    }).then(
      () => this.pump(active),
      (error) => this.stalled(active, error),
    );
  }

  /**
   * Items RUNNING in the store that nobody here runs (a gone process's, or one a lost token stopped): their leases are
   * waited out, then one replica takes each over and checks it with Synapse. A lease renewed meanwhile belongs to a
   * live runner: it is left alone.
   */
  private async reconcile(active: ActiveJob): Promise<void> {
    const { jobs, tuning } = this.deps;
    for (const item of await jobs.inFlight(active.record.id, active.record.phase!)) {
      const key = keyOf(item);
      if (active.targets.has(key) || active.orphans.has(key)) continue;
      active.orphans.add(key);
      // The lease is waited out on the job's clock, then compared with the one seen now.
      this.timers.schedule(item.leaseRemainingMs, () => {
        void this.busy
          .track(async () => {
            if (active.retired || active.targets.has(key)) return;
            const taken = await jobs.takeOver(item, this.deps.replicaId, tuning.leaseMs);
            if (!taken) return;
            this.launch(active, taken, () => (taken.action === 'DELETE_ROOM' ? reconcileRoomDelete(active.context, taken) : reconcileUserDeactivation(active.context, taken)));
          })
          .catch((error: unknown) => this.deps.logger?.warn({ err: error, jobId: item.jobId }, 'taking over an item failed; trying again later'))
          .finally(() => active.orphans.delete(key));
      });
    }
  }

  /** Runs an item's work, counted in flight until it ends. */
  private launch(active: ActiveJob, item: JobItemRecord, work: () => Promise<void>): void {
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
      await this.credentialsLost(active, error).catch(() => undefined);
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

  /**
   * This replica's token for the job stopped working: it stops working on the job. The job goes on with the replicas
   * that hold another token, or waits for credentials if there are none.
   */
  private async credentialsLost(active: ActiveJob, error: unknown): Promise<void> {
    const jobId = active.record.id;
    active.retired = true;
    await this.deps.jobs.removeWorker(jobId, this.deps.replicaId);
    await this.deps.jobs.strandUnworked(`The token running the job stopped working: ${failureOf(error).message}`, this.deps.tuning.leaseMs, jobId);
  }

  private async fill(active: ActiveJob): Promise<void> {
    const { jobs, tuning } = this.deps;
    if (active.retired) {
      if (active.targets.size === 0) this.active.delete(active.record.id);
      return;
    }
    // Every place here taken: nothing to claim, and the job's state is read again when one frees.
    if (active.record.status === 'RUNNING' && active.record.phase !== 'WAIT_FOR_PARTING' && active.targets.size >= concurrencyOf(active.record, active.record.phase!)) return;
    const job = await jobs.get(active.record.id);
    if (job) active.record = job;
    if (!job || job.status !== 'RUNNING') {
      // Kept while paused or waiting: a resume must know what still runs here.
      if (active.targets.size === 0 && (!job || finishedJobStatuses.includes(job.status))) this.active.delete(active.record.id);
      return;
    }
    const phase = job.phase!;
    if (phase === 'WAIT_FOR_PARTING') return this.afterPartingOnce(active);
    const limit = concurrencyOf(job, phase);
    // Among replicas, a plain count first: while the job's places are all taken (on any replica), no claim locks the
    // job's row. Alone on the store, the items in flight here are all there are.
    if (active.targets.size < limit && (!this.shared || (await jobs.runningCount(job.id, phase)) < limit)) {
      while (active.targets.size < limit) {
        const item = await jobs.transaction((tx) => this.claim(active, phase, limit, tx));
        if (!item) break;
        active.context.changed();
        this.start(active, item);
      }
    }
    if (active.targets.size > 0) return;
    const progress = await jobs.progress(job.id);
    if (progress.pending > 0 || progress.running > 0) return;
    if (job.kind === 'DECOMMISSION' && phase === 'DEACTIVATE_USERS') {
      await jobs.setStatus(job.id, 'RUNNING', { phase: 'WAIT_FOR_PARTING', onlyFrom: 'RUNNING' });
      active.context.changed();
      return this.afterPartingOnce(active);
    }
    await jobs.setStatus(job.id, progress.failed > 0 ? 'FAILED' : 'COMPLETED', {
      error: progress.failed > 0 ? `${progress.failed} of ${progress.total} items failed; see their errors.` : null,
      onlyFrom: 'RUNNING',
    });
    this.active.delete(job.id);
    active.context.changed();
  }

  /** In `tx`: the phase's next item, claimed for this replica; a deactivation's first attempt opens with its claim. */
  private async claim(active: ActiveJob, phase: JobPhase, limit: number, tx: Queryable): Promise<JobItemRecord | null> {
    const opening = phase === 'DEACTIVATE_USERS' ? firstAttemptEntry(active.context) : undefined;
    return this.deps.jobs.claim(tx, active.record.id, phase, this.deps.replicaId, this.deps.tuning.leaseMs, limit, opening);
  }

  private start(active: ActiveJob, item: JobItemRecord): void {
    this.launch(active, item, () => (item.action === 'DELETE_ROOM' ? runRoomDelete(active.context, item) : runUserDeactivation(active.context, item, { begun: true })));
  }

  /**
   * In the transaction that ends an item this replica runs: the place it frees, taken at once. The claim counts the
   * job's items in flight under the job's lock as any claim does, the ended one no longer among them.
   */
  private async claimSuccessor(active: ActiveJob, ended: JobItemRecord, tx: Queryable): Promise<(() => void) | undefined> {
    const item = await this.claim(active, ended.phase, concurrencyOf(active.record, ended.phase), tx);
    if (!item) return undefined;
    return () => {
      active.context.changed();
      this.start(active, item);
    };
  }

  private itemEnded(active: ActiveJob, item: JobItemRecord): void {
    active.targets.delete(keyOf(item));
    active.context.changed();
    void this.pump(active);
  }

  private async itemFailed(active: ActiveJob, item: JobItemRecord, error: unknown): Promise<void> {
    const { jobs } = this.deps;
    active.targets.delete(keyOf(item));
    await this.busy
      .track(async () => {
        if (isCredentialFailure(error)) {
          // An item with no attempt open sent nothing: it goes back to the queue. One whose attempt was open may
          // have reached Synapse (the token died after the call was sent, or while a lost answer was being looked
          // for): it stays RUNNING, and whoever resumes the job asks Synapse before sending anything again, without
          // waiting out a lease (no call of the item is out any more).
          if (!item.deleteId && item.auditId === null) await jobs.release(item);
          else await jobs.update(item, { leaseMs: 0 });
          await this.credentialsLost(active, error);
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
   * One replica waits for the parting (the others would only repeat its reads upstream): the one holding the job's
   * parting lock, which goes with its connection if it dies; the others try again on their next tick.
   */
  private async afterPartingOnce(active: ActiveJob): Promise<void> {
    if (active.parting) return;
    active.parting = true;
    try {
      await this.deps.jobs.exclusively(`parting:${active.record.id}`, () => this.afterParting(active));
    } finally {
      active.parting = false;
    }
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
