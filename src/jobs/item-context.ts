import type { RoomDeleteGuard } from '../delete-guard.js';
import type { ReadsInFlight } from '../poll-loop.js';
import type { AuditLog } from '../store/audit-log.js';
import type { JobItemRecord, JobStore } from '../store/jobs.js';
import type { SynapseAdminClient } from '../synapse/client.js';
import { SynapseError } from '../synapse/errors.js';
import type { Timers } from '../timers.js';
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
  timers: Timers;
  /** Work under way (tests move a manual clock once it is settled). */
  busy: ReadsInFlight;
  tuning: JobTuning;
  credential: JobCredential;
  jobId: string;
  options: Record<string, unknown>;
  /** Something changed that subscribers should see. */
  changed(): void;
}

/** The token stopped working, or its holder is no admin any more: the job waits for an admin to resume it. */
export class CredentialsLost extends Error {
  override readonly name = 'CredentialsLost';
}

export function isCredentialFailure(error: unknown): boolean {
  return error instanceof SynapseError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN');
}

export function sleep(context: Pick<ItemContext, 'timers' | 'busy'>, ms: number): Promise<void> {
  return context.busy.idleWhile(new Promise<void>((resolve) => context.timers.schedule(ms, resolve)));
}

export function backoffMs(context: Pick<ItemContext, 'tuning'>, attempts: number): number {
  return context.tuning.retryBackoffMs * 2 ** Math.max(0, attempts - 1);
}

export function failureOf(error: unknown): { errorCode: string; message: string } {
  if (error instanceof SynapseError) return { errorCode: error.code, message: error.message };
  return { errorCode: 'INTERNAL_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
}

/** Ends an item (and the audit entry of its attempt, if one is open) in one transaction. */
export async function finishItem(
  context: ItemContext,
  item: JobItemRecord,
  end: { status: 'DONE' | 'FAILED' | 'SKIPPED'; error?: string; skippedReason?: string },
  audit?: { ok: true; message?: string } | { ok: false; errorCode: string; message: string },
): Promise<void> {
  await context.jobs.transaction(async (tx) => {
    await context.jobs.update(item, { status: end.status, error: end.error, skippedReason: end.skippedReason, finished: true }, tx);
    if (audit && item.auditId !== null) await context.audit.complete(item.auditId, audit, tx);
  });
  context.changed();
}

/** Opens the audit entry of an attempt and renews the item's lease, together, right before the upstream call. */
export async function beginAttempt(context: ItemContext, item: JobItemRecord, action: string, args: Record<string, unknown>, recovery?: Record<string, unknown>): Promise<number> {
  return context.jobs.transaction(async (tx) => {
    const auditId = await context.audit.begin({ actor: context.credential.actor, action, target: item.target, arguments: args, jobId: context.jobId, recovery }, tx);
    await context.jobs.update(item, { auditId, leaseMs: context.tuning.leaseMs }, tx);
    item.auditId = auditId;
    return auditId;
  });
}
