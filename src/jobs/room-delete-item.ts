import { PollLoop } from '../poll-loop.js';
import type { JobItemRecord } from '../store/jobs.js';
import { isTerminalStatus, withFailureReason, type DeleteTaskRecord } from '../synapse/delete-tasks.js';
import { SynapseError, transientErrorCodes } from '../synapse/errors.js';
import { beginAttempt, credentialsLost, failAttempt, failureOf, finishItem, isAmbiguous, readRetrying, sleep, type ItemContext } from './item-context.js';
import { roomRecovery } from './room-facts.js';

export interface PurgeOptions {
  block: boolean;
  purge: boolean;
  forcePurge: boolean;
}

export function purgeOptionsOf(options: Record<string, unknown>): PurgeOptions {
  return { block: options.block === true, purge: options.purge !== false, forcePurge: options.forcePurge === true };
}

type Step = 'again' | 'ended';

/**
 * Follows a delete to a terminal status on its own poll loop. One this item just started (`fresh`) is looked at when
 * recent deletes ended, and teaches when the next ones will.
 */
function follow(context: ItemContext, task: DeleteTaskRecord, fresh: boolean): Promise<DeleteTaskRecord> {
  if (isTerminalStatus(task.status)) return Promise.resolve(task);
  const { client } = context.credential;
  const { timers } = context;
  const startedAt = timers.now();
  const looks = context.deleteDurations.follow(fresh);
  return context.busy.idleWhile(
    new Promise<DeleteTaskRecord>((resolve, reject) => {
      const loop = new PollLoop({
        intervalMs: context.tuning.pollIntervalMs,
        timers,
        inFlight: context.busy,
        poll: async () => {
          try {
            const current = await client.deleteTasks.status(task.deleteId);
            const sinceStartMs = timers.now() - startedAt;
            if (!current) {
              reject(new SynapseError('NOT_FOUND', `Synapse no longer knows the delete ${task.deleteId}`));
              return { next: 'done' };
            }
            if (isTerminalStatus(current.status)) {
              looks.ended(sinceStartMs);
              resolve(current);
              return { next: 'done' };
            }
            if (current.status === 'scheduled') return { next: 'again', afterMs: looks.queued(sinceStartMs) };
            return { next: 'again', afterMs: looks.running(sinceStartMs) };
          } catch (error) {
            if (error instanceof SynapseError && transientErrorCodes.has(error.code)) return { next: 'retry', afterMs: error.retryAfterMs };
            reject(error);
            return { next: 'done' };
          }
        },
      });
      timers.schedule(looks.firstMs, () => void loop.pollNow());
    }),
  );
}

/** Remembers a delete as this item's, so that no later look by room takes it for something else. */
async function adopt(context: ItemContext, item: JobItemRecord, task: DeleteTaskRecord): Promise<void> {
  await context.jobs.update(item, { deleteId: task.deleteId, ...(item.triedDeleteIds.includes(task.deleteId) ? {} : { triedDeleteId: task.deleteId }) });
  item.deleteId = task.deleteId;
  if (!item.triedDeleteIds.includes(task.deleteId)) item.triedDeleteIds.push(task.deleteId);
  context.changed();
}

/**
 * Follows the item's delete to its end holding a task slot (the one the attempt took, or a new one), then ends the
 * item or tries again.
 */
async function settle(context: ItemContext, item: JobItemRecord, task: DeleteTaskRecord, heldSlot?: () => void): Promise<Step> {
  // The slot an attempt took goes with the delete it just started.
  const fresh = heldSlot !== undefined;
  if (heldSlot && isTerminalStatus(task.status)) heldSlot();
  const releaseSlot = heldSlot ?? (isTerminalStatus(task.status) ? () => {} : await context.busy.idleWhile(context.slots.acquire()));
  let final: DeleteTaskRecord;
  try {
    final = await follow(context, task, fresh);
  } finally {
    releaseSlot();
  }
  if (final.status === 'complete') {
    await finishItem(context, item, { status: 'DONE' }, { ok: true });
    return 'ended';
  }
  const { client } = context.credential;
  const reason = (await readRetrying(context, () => withFailureReason(final, (roomId) => client.deleteTasks.forRoom(roomId)))).error ?? `the delete ended ${final.status}`;
  return failAttempt(context, item, { errorCode: 'DELETE_FAILED', message: reason });
}

/**
 * What Synapse has of this item's delete, by room: one not finished, or finished since the item began (a task the
 * room had before is not this item's: the attempt noted those). Null when the request never reached Synapse.
 */
async function findOwnDelete(context: ItemContext, item: JobItemRecord): Promise<DeleteTaskRecord | null> {
  const tasks = await readRetrying(context, () => context.credential.client.deleteTasks.shutdownsForRoom(item.target));
  const unfinished = tasks.find((task) => !isTerminalStatus(task.status));
  if (unfinished) return unfinished;
  return tasks.filter((task) => !item.triedDeleteIds.includes(task.deleteId)).at(-1) ?? null;
}

/** After a lost answer or a crash: follows the delete if it landed, else the attempt did not happen and runs again. */
async function resume(context: ItemContext, item: JobItemRecord): Promise<Step> {
  const found = await findOwnDelete(context, item);
  if (found) {
    await adopt(context, item, found);
    return settle(context, item, found);
  }
  if (item.auditId !== null) {
    await context.audit.complete(item.auditId, { ok: false, errorCode: 'NOT_SENT', message: 'Synapse never received the delete (the gateway stopped, or the answer was lost before it arrived); it was sent again.' });
    item.auditId = null;
  }
  return 'again';
}

/** One attempt: re-check the room is still empty, keep what an undo needs, delete, follow to the end. */
async function attempt(context: ItemContext, item: JobItemRecord): Promise<Step> {
  const { client } = context.credential;
  const roomId = item.target;
  // Read together: the check, the tasks the room already has, and what an undo needs (wasted only on a skip).
  const [details, earlier, recovery] = await Promise.all([
    readRetrying(context, () => client.rooms.details(roomId)),
    readRetrying(context, () => client.deleteTasks.shutdownsForRoom(roomId)),
    readRetrying(context, () => roomRecovery(client, roomId, { emptyExpected: true })).then(
      (read) => ({ read }),
      (error: unknown) => ({ error }),
    ),
  ]);
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
  // Deletes the room had before are not this item's (a block-only delete last week must not pass for this purge).
  for (const task of earlier) {
    if (isTerminalStatus(task.status) && !item.triedDeleteIds.includes(task.deleteId)) {
      await context.jobs.update(item, { triedDeleteId: task.deleteId });
      item.triedDeleteIds.push(task.deleteId);
    }
  }
  if ('error' in recovery) {
    if (await credentialsLost(context, recovery.error)) throw recovery.error;
    // Nothing is deleted that could not be undone.
    const { errorCode, message } = failureOf(recovery.error);
    return failAttempt(context, item, { errorCode, message: `What an undo needs could not be read, so the room was not deleted: ${message}` });
  }
  const options = purgeOptionsOf(context.options);
  const releaseSlot = await context.busy.idleWhile(context.slots.acquire());
  let task: DeleteTaskRecord;
  try {
    if (!(await beginAttempt(context, item, 'deleteRoom', { ...options }, recovery.read))) {
      releaseSlot();
      return 'ended';
    }
    task = await context.deleteGuard.start(client, roomId, { block: options.block, purge: options.purge, force_purge: options.forcePurge });
  } catch (error) {
    releaseSlot();
    if (await credentialsLost(context, error)) throw error;
    if (!isAmbiguous(error)) return failAttempt(context, item, failureOf(error));
    // The answer was lost: Synapse may have the delete. Wait as long as a crashed gateway's lease, then look.
    await sleep(context, context.tuning.leaseMs);
    return resume(context, item);
  }
  try {
    await adopt(context, item, task);
  } catch (error) {
    releaseSlot();
    throw error;
  }
  return settle(context, item, task, releaseSlot);
}

async function runFrom(context: ItemContext, item: JobItemRecord, first: Step): Promise<void> {
  for (let step = first; step === 'again'; ) step = await attempt(context, item);
}

/** Runs a claimed item to its end: attempts until it is DONE, SKIPPED or FAILED (or the job stops). */
export async function runRoomDelete(context: ItemContext, item: JobItemRecord): Promise<void> {
  await runFrom(context, item, 'again');
}

/**
 * An item a gone process left RUNNING: its delete, if it reached Synapse, is found through the scheduled-tasks API
 * by room (never delete_status by room, which hides `scheduled` tasks) before anything is sent again.
 */
export async function reconcileRoomDelete(context: ItemContext, item: JobItemRecord): Promise<void> {
  if (item.deleteId) {
    const task = await readRetrying(context, () => context.credential.client.deleteTasks.status(item.deleteId!));
    if (task) return runFrom(context, item, await settle(context, item, task));
  }
  await runFrom(context, item, await resume(context, item));
}
