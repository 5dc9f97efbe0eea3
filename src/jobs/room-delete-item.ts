import { PollLoop } from '../poll-loop.js';
import type { JobItemRecord } from '../store/jobs.js';
import { isTerminalStatus, withFailureReason, type DeleteTaskRecord } from '../synapse/delete-tasks.js';
import { SynapseError, transientErrorCodes } from '../synapse/errors.js';
import { backoffMs, beginAttempt, failureOf, finishItem, isCredentialFailure, sleep, type ItemContext } from './item-context.js';
import { roomRecovery } from './room-facts.js';

export interface PurgeOptions {
  block: boolean;
  purge: boolean;
  forcePurge: boolean;
}

export function purgeOptionsOf(options: Record<string, unknown>): PurgeOptions {
  return { block: options.block === true, purge: options.purge !== false, forcePurge: options.forcePurge === true };
}

/** Follows a delete to a terminal status on the shared poll loop (backing off while it waits for a task slot). */
function follow(context: ItemContext, task: DeleteTaskRecord): Promise<DeleteTaskRecord> {
  if (isTerminalStatus(task.status)) return Promise.resolve(task);
  const { client } = context.credential;
  return context.busy.idleWhile(
    new Promise<DeleteTaskRecord>((resolve, reject) => {
      const loop = new PollLoop({
        intervalMs: context.tuning.pollIntervalMs,
        timers: context.timers,
        inFlight: context.busy,
        poll: async () => {
          try {
            const current = await client.deleteTasks.status(task.deleteId);
            if (!current) {
              reject(new SynapseError('NOT_FOUND', `Synapse no longer knows the delete ${task.deleteId}`));
              return { next: 'done' };
            }
            if (isTerminalStatus(current.status)) {
              resolve(current);
              return { next: 'done' };
            }
            return { next: 'again', idle: current.status === 'scheduled' };
          } catch (error) {
            if (error instanceof SynapseError && transientErrorCodes.has(error.code)) return { next: 'retry', afterMs: error.retryAfterMs };
            reject(error);
            return { next: 'done' };
          }
        },
      });
      context.timers.schedule(context.tuning.pollIntervalMs, () => void loop.pollNow());
    }),
  );
}

/** Settles an item whose delete was started (now or by an earlier process), retrying a failed one. */
async function settle(context: ItemContext, item: JobItemRecord, task: DeleteTaskRecord, releaseSlot: () => void): Promise<'again' | 'ended'> {
  let final: DeleteTaskRecord;
  try {
    final = await follow(context, task);
  } finally {
    releaseSlot();
  }
  if (final.status === 'complete') {
    await finishItem(context, item, { status: 'DONE' }, { ok: true });
    return 'ended';
  }
  const reason = (await withFailureReason(final, (roomId) => context.credential.client.deleteTasks.forRoom(roomId))).error ?? `the delete ended ${final.status}`;
  return retryOrFail(context, item, { errorCode: 'DELETE_FAILED', message: reason });
}

async function retryOrFail(context: ItemContext, item: JobItemRecord, failure: { errorCode: string; message: string }): Promise<'again' | 'ended'> {
  if (item.attempts >= context.tuning.maxAttempts) {
    await finishItem(context, item, { status: 'FAILED', error: failure.message }, { ok: false, ...failure });
    return 'ended';
  }
  await context.jobs.transaction(async (tx) => {
    if (item.auditId !== null) await context.audit.complete(item.auditId, { ok: false, ...failure }, tx);
    await context.jobs.update(item, { error: failure.message, auditId: null }, tx);
  });
  item.auditId = null;
  context.changed();
  await sleep(context, backoffMs(context, item.attempts));
  await context.jobs.update(item, { attempt: true, leaseMs: context.tuning.leaseMs });
  item.attempts++;
  return 'again';
}

/** One attempt: re-check the room is still empty, keep what an undo needs, delete, follow to the end. */
async function attempt(context: ItemContext, item: JobItemRecord): Promise<'again' | 'ended'> {
  const { client } = context.credential;
  const roomId = item.target;
  const details = await client.rooms.details(roomId);
  if (!details) {
    await finishItem(context, item, { status: 'SKIPPED', skippedReason: 'The room no longer exists on this server.' });
    return 'ended';
  }
  const locals = details.joined_local_members;
  if (locals === null || locals === undefined) {
    await finishItem(context, item, { status: 'SKIPPED', skippedReason: 'Synapse has no member count for the room now; it is not known to be empty.' });
    return 'ended';
  }
  if (locals > 0) {
    await finishItem(context, item, { status: 'SKIPPED', skippedReason: `${locals} local member(s) joined the room after the plan; it is not empty any more.` });
    return 'ended';
  }
  const recovery = await roomRecovery(client, roomId);
  const options = purgeOptionsOf(context.options);
  const releaseSlot = await context.busy.idleWhile(context.slots.acquire());
  let task: DeleteTaskRecord;
  try {
    await beginAttempt(context, item, 'deleteRoom', { ...options }, recovery);
    task = await context.deleteGuard.start(client, roomId, { block: options.block, purge: options.purge, force_purge: options.forcePurge });
    await context.jobs.update(item, { deleteId: task.deleteId, triedDeleteId: task.deleteId });
    item.deleteId = task.deleteId;
    item.triedDeleteIds.push(task.deleteId);
    context.changed();
  } catch (error) {
    releaseSlot();
    if (isCredentialFailure(error)) throw error;
    return retryOrFail(context, item, failureOf(error));
  }
  return settle(context, item, task, releaseSlot);
}

/** Runs a claimed item to its end: attempts until it is DONE, SKIPPED or FAILED. */
export async function runRoomDelete(context: ItemContext, item: JobItemRecord): Promise<void> {
  while ((await attempt(context, item)) === 'again');
}

/**
 * An item a gone process left RUNNING: its delete, if it reached Synapse, is found through the scheduled-tasks API
 * by room (never delete_status by room, which hides `scheduled` tasks) before anything is sent again.
 */
export async function reconcileRoomDelete(context: ItemContext, item: JobItemRecord): Promise<void> {
  const { client } = context.credential;
  if (item.deleteId) {
    const task = await client.deleteTasks.status(item.deleteId);
    if (task) {
      const releaseSlot = isTerminalStatus(task.status) ? () => {} : await context.busy.idleWhile(context.slots.acquire());
      if ((await settle(context, item, task, releaseSlot)) === 'again') await runRoomDelete(context, item);
      return;
    }
  }
  const tasks = await client.deleteTasks.forRoom(item.target);
  const pending = tasks.find((task) => !isTerminalStatus(task.status));
  const completed = tasks.find((task) => task.status === 'complete');
  const newFailure = tasks.filter((task) => task.status === 'failed' && !item.triedDeleteIds.includes(task.deleteId)).at(-1);
  const found = pending ?? completed ?? newFailure;
  if (found) {
    await context.jobs.update(item, { deleteId: found.deleteId, triedDeleteId: found.deleteId });
    item.triedDeleteIds.push(found.deleteId);
    const releaseSlot = isTerminalStatus(found.status) ? () => {} : await context.busy.idleWhile(context.slots.acquire());
    if ((await settle(context, item, found, releaseSlot)) === 'again') await runRoomDelete(context, item);
    return;
  }
  // The request never reached Synapse: the attempt did not happen.
  await context.jobs.transaction(async (tx) => {
    if (item.auditId !== null) {
      await context.audit.complete(item.auditId, { ok: false, errorCode: 'NOT_SENT', message: 'The gateway stopped before Synapse received the delete; it was sent again.' }, tx);
    }
  });
  item.auditId = null;
  await runRoomDelete(context, item);
}
