import type { JobItemRecord } from '../store/jobs.js';
import { SynapseError } from '../synapse/errors.js';
import type { NewAuditEntry } from '../store/audit-log.js';
import { beginAttempt, credentialsLost, failAttempt, failureOf, finishItem, isAmbiguous, readRetrying, sleep, type ItemContext } from './item-context.js';

const eraseOf = (options: Record<string, unknown>) => options.erase !== false;

const userGone = 'The user no longer exists.';

/** Whether Synapse has the user as the job wants them: deactivated, and erased if asked. Null: no such user. */
async function alreadyDone(context: ItemContext, item: JobItemRecord): Promise<boolean | null> {
  const user = await readRetrying(context, () => context.credential.client.users.details(item.target));
  if (!user) return null;
  return user.deactivated === true && (user.erased === true || !eraseOf(context.options));
}

/** Ends the item from what Synapse says of the user; false when it still has to be deactivated. */
async function settledBySynapse(context: ItemContext, item: JobItemRecord, how: string): Promise<boolean> {
  const done = await alreadyDone(context, item);
  if (done === null) await finishItem(context, item, { status: 'SKIPPED', skippedReason: userGone }, { ok: false, errorCode: 'NOT_FOUND', message: userGone });
  else if (done) await finishItem(context, item, { status: 'DONE' }, { ok: true, message: `${how}: Synapse had the user deactivated.` });
  return done !== false;
}

/**
 * A deactivation is sent as soon as its item is claimed (nothing is read first): the audit entry of its first attempt
 * is appended by the claim itself (one statement less per user, in the store work that bounds a decommission's pace).
 */
export function firstAttemptEntry(context: ItemContext): Omit<NewAuditEntry, 'target'> {
  return { actor: context.credential.actor, action: 'deactivateUser', arguments: { erase: eraseOf(context.options) }, jobId: context.jobId };
}

/**
 * Deactivates a claimed user, retrying failures with backoff; a lost answer is checked with Synapse first. `begun`:
 * the first attempt began with the claim.
 */
export async function runUserDeactivation(context: ItemContext, item: JobItemRecord, { begun = false } = {}): Promise<void> {
  const erase = eraseOf(context.options);
  for (let attempt = 0; ; attempt++) {
    if (!(attempt === 0 && begun) && !(await beginAttempt(context, item, 'deactivateUser', { erase }))) return;
    try {
      await context.credential.client.users.deactivate(item.target, erase);
      await finishItem(context, item, { status: 'DONE' }, { ok: true });
      return;
    } catch (error) {
      if (await credentialsLost(context, error)) throw error;
      if (error instanceof SynapseError && error.code === 'NOT_FOUND') {
        await finishItem(context, item, { status: 'SKIPPED', skippedReason: userGone }, { ok: false, ...failureOf(error) });
        return;
      }
      if (isAmbiguous(error)) {
        // The answer was lost: deactivating again would be harmless to Synapse but counts twice; look first.
        await sleep(context, context.tuning.leaseMs);
        if (await settledBySynapse(context, item, 'Answer lost')) return;
      }
      if ((await failAttempt(context, item, failureOf(error))) === 'ended') return;
    }
  }
}

/** A user a gone process left RUNNING: done if Synapse has them deactivated (and erased, if asked), else sent again. */
export async function reconcileUserDeactivation(context: ItemContext, item: JobItemRecord): Promise<void> {
  if (await settledBySynapse(context, item, 'Reconciled')) return;
  if (item.auditId !== null) {
    await context.audit.complete(item.auditId, { ok: false, errorCode: 'NOT_SENT', message: 'The gateway stopped before Synapse deactivated the user; it was sent again.' });
    item.auditId = null;
  }
  await runUserDeactivation(context, item);
}
