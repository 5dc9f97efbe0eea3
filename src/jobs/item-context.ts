import type { RoomDeleteGuard } from '../delete-guard.js';
import type { ReadsInFlight } from '../poll-loop.js';
import type { AuditLog, AuditCompletion } from '../store/audit-log.js';
import type { Queryable } from '../store/store.js';
import type { JobItemRecord, JobStore } from '../store/jobs.js';
import type { SynapseAdminClient } from '../synapse/client.js';
import { SynapseError, transientErrorCodes } from '../synapse/errors.js';
import type { Timers } from '../timers.js';
import type { DeleteDurations } from './delete-durations.js';
import type { DeleteSlots } from './delete-slots.js';

/** The token a job runs with: the admin who started or last resumed it, held in memory only. */
export interface JobCredential {
  client: SynapseAdminClient;
  /** Their user ID, for the audit log. */
  actor: string;
}

export interface JobTuning {
  /** Delete status polls and parting checks. */
  pollIntervalMs: number;
  /** How long a claimed item is held before another process may reconcile it; longer than any upstream call. */
  leaseMs: number;
  /** Attempts per item before it is FAILED (Synapse's large deletes fail intermittently and succeed when re-run). */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each further one. */
  retryBackoffMs: number;
  /** Longest wait for Synapse's background parting before a decommission plans its purge. */
  partingTimeoutMs: number;
  /** Page size of the room and user lists a plan walks. */
  pageSize: number;
}

/** What an item's attempt works with. */
export interface ItemContext {
  jobs: JobStore;
  audit: AuditLog;
  deleteGuard: RoomDeleteGuard;
  slots: DeleteSlots;
  /** When to look at a delete again, from what recent deletes took. */
  deleteDurations: DeleteDurations;
  timers: Timers;
  /** Work under way (tests move a manual clock once it is settled). */
  busy: ReadsInFlight;
  tuning: JobTuning;
  credential: JobCredential;
  /** This process among the replicas: items it runs carry it as their owner. */
  replicaId: string;
  jobId: string;
  options: Record<string, unknown>;
  /** Something changed that subscribers should see. */
  changed(): void;
  /**
   * How the transaction that ends `ended` claims the job's next item in its place (no transaction of its own, no wait
   * for the runner to look again), or undefined when it does not. What the claim returns starts that item once the
   * transaction has committed.
   */
  successorClaim?(ended: JobItemRecord): ((tx: Queryable) => Promise<(() => void) | undefined>) | undefined;
}

/** The token stopped working, or its holder is no admin any more: the job waits for an admin to resume it. */
export class CredentialsLost extends Error {
  override readonly name = 'CredentialsLost';
}

export function isCredentialFailure(error: unknown): boolean {
  return error instanceof SynapseError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN');
}

/**
 * Whether an item's failure means the job's token no longer works: a 401, or a 403 when the token's holder is no
 * admin any more. A 403 an admin gets (a module refusing to shut a room down) is the item's own failure.
 */
export async function credentialsLost(context: ItemContext, error: unknown): Promise<boolean> {
  if (!(error instanceof SynapseError)) return false;
  if (error.code === 'UNAUTHENTICATED') return true;
  if (error.code !== 'FORBIDDEN') return false;
  return !(await context.credential.client.users.isAdmin(context.credential.actor).catch(() => false));
}

/** A failure that leaves open whether Synapse acted (the answer was lost): check before sending again. */
export function isAmbiguous(error: unknown): boolean {
  return error instanceof SynapseError && (error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'OPERATION_TIMEOUT' || error.code === 'UPSTREAM_ERROR');
}

export function sleep(context: Pick<ItemContext, 'timers' | 'busy'>, ms: number): Promise<void> {
  return context.busy.idleWhile(new Promise<void>((resolve) => context.timers.schedule(ms, resolve)));
}

export function backoffMs(context: Pick<ItemContext, 'tuning'>, attempts: number): number {
  return context.tuning.retryBackoffMs * 2 ** Math.max(0, attempts - 1);
}

/**
 * A read that decides an item's next step (nothing is sent by it), tried again after a transient error (a timeout, a
 * 5xx) with the retry backoff, up to maxAttempts times: Synapse being slow for a moment, as after a restart, must not
 * fail the item that the read was checking.
 */
export async function readRetrying<T>(context: Pick<ItemContext, 'tuning' | 'timers' | 'busy'>, read: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof SynapseError && transientErrorCodes.has(error.code)) || tries >= context.tuning.maxAttempts) throw error;
      await sleep(context, Math.max(error.retryAfterMs ?? 0, backoffMs(context, tries)));
    }
  }
}

export function failureOf(error: unknown): { errorCode: string; message: string } {
  if (error instanceof SynapseError) return { errorCode: error.code, message: error.message };
  return { errorCode: 'INTERNAL_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
}

/** Ends an item (and the audit entry of its attempt, if one is open) in one transaction, which claims its successor where the runner says. */
export async function finishItem(
  context: ItemContext,
  item: JobItemRecord,
  end: { status: 'DONE' | 'FAILED' | 'SKIPPED'; error?: string; skippedReason?: string },
  audit?: AuditCompletion,
): Promise<void> {
  const claimSuccessor = context.successorClaim?.(item);
  const startSuccessor = await context.jobs.transaction(async (tx) => {
    const completing = audit && item.auditId !== null ? { complete: item.auditId, outcome: audit } : undefined;
    // Sent one behind the other, not waiting in between: the store runs a transaction's statements in order, so the
    // successor's claim still counts this item ended.
    const [, start] = await Promise.all([
      context.jobs.update(item, { status: end.status, error: end.error, skippedReason: end.skippedReason, finished: true }, tx, completing),
      claimSuccessor?.(tx),
    ]);
    return start;
  });
  context.changed();
  startSuccessor?.();
}

/**
 * Right before the upstream call: opens the attempt's audit entry and renews the item's lease, together, if the job
 * still runs. A job paused or cancelled meanwhile (while the item waited for a slot or a backoff) sends nothing: the
 * item goes back to the queue, or is cancelled with it. False then.
 */
export async function beginAttempt(context: ItemContext, item: JobItemRecord, action: string, args: Record<string, unknown>, recovery?: Record<string, unknown>): Promise<boolean> {
  const began = await context.jobs.transaction(async (tx) => {
    // Taken over by another replica (this one stalled past its lease): that one decides; nothing is sent from here.
    if (!(await context.jobs.heldBy(item, context.replicaId, tx))) return false;
    const job = await context.jobs.get(context.jobId, tx, { share: true });
    if (job?.status !== 'RUNNING') {
      if (job?.status === 'CANCELLED') await context.jobs.update(item, { status: 'CANCELLED', finished: true }, tx);
      else await context.jobs.release(item, tx);
      return false;
    }
    await openAttempt(context, item, action, args, tx, recovery);
    return true;
  });
  if (!began) context.changed();
  return began;
}

/** In `tx`, which holds the item and knows the job runs: the attempt's audit entry, and the item's lease renewed. */
async function openAttempt(context: ItemContext, item: JobItemRecord, action: string, args: Record<string, unknown>, tx: Queryable, recovery?: Record<string, unknown>): Promise<void> {
  const entry = { actor: context.credential.actor, action, target: item.target, arguments: args, jobId: context.jobId, recovery };
  item.auditId = (await context.jobs.update(item, { leaseMs: context.tuning.leaseMs }, tx, { append: entry }))!;
}

/**
 * A failed attempt: its audit entry completed, and one more attempt counted at once (a crash during the backoff that
 * follows must not give the item an attempt more), or the item FAILED once it has had them all.
 */
export async function failAttempt(context: ItemContext, item: JobItemRecord, failure: { errorCode: string; message: string }): Promise<'again' | 'ended'> {
  if (item.attempts >= context.tuning.maxAttempts) {
    await finishItem(context, item, { status: 'FAILED', error: failure.message }, { ok: false, ...failure });
    return 'ended';
  }
  const completing = item.auditId !== null ? { complete: item.auditId, outcome: { ok: false as const, ...failure } } : undefined;
  await context.jobs.update(item, { error: failure.message, auditId: null, deleteId: null, attempt: true }, undefined, completing);
  item.auditId = null;
  item.deleteId = null;
  item.attempts++;
  context.changed();
  await sleep(context, backoffMs(context, item.attempts - 1));
  return 'again';
}
