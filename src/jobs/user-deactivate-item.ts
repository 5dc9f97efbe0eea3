import type { JobItemRecord } from '../store/jobs.js';
import { SynapseError } from '../synapse/errors.js';
import { backoffMs, beginAttempt, failureOf, finishItem, isCredentialFailure, sleep, type ItemContext } from './item-context.js';

const eraseOf = (options: Record<string, unknown>) => options.erase !== false;

/** Deactivates a claimed user, retrying failures with backoff; Synapse's deactivation is idempotent. */
export async function runUserDeactivation(context: ItemContext, item: JobItemRecord): Promise<void> {
  const erase = eraseOf(context.options);
  for (;;) {
    await beginAttempt(context, item, 'deactivateUser', { erase });
    try {
      await context.credential.client.users.deactivate(item.target, erase);
      await finishItem(context, item, { status: 'DONE' }, { ok: true });
      return;
    } catch (error) {
      if (isCredentialFailure(error)) throw error;
      const failure = failureOf(error);
      if (error instanceof SynapseError && error.code === 'NOT_FOUND') {
        await finishItem(context, item, { status: 'SKIPPED', skippedReason: 'The user no longer exists.' }, { ok: false, ...failure });
        return;
      }
      if (item.attempts >= context.tuning.maxAttempts) {
        await finishItem(context, item, { status: 'FAILED', error: failure.message }, { ok: false, ...failure });
        return;
      }
      await context.jobs.transaction(async (tx) => {
        await context.audit.complete(item.auditId!, { ok: false, ...failure }, tx);
        await context.jobs.update(item, { error: failure.message, auditId: null }, tx);
      });
      item.auditId = null;
      context.changed();
      await sleep(context, backoffMs(context, item.attempts));
      await context.jobs.update(item, { attempt: true, leaseMs: context.tuning.leaseMs });
      item.attempts++;
    }
  }
}

/** A user a gone process left RUNNING: done if Synapse has them deactivated (and erased, if asked), else sent again. */
export async function reconcileUserDeactivation(context: ItemContext, item: JobItemRecord): Promise<void> {
  const user = await context.credential.client.users.details(item.target);
  if (!user) {
    await finishItem(context, item, { status: 'SKIPPED', skippedReason: 'The user no longer exists.' }, { ok: false, errorCode: 'NOT_FOUND', message: 'The user no longer exists.' });
    return;
  }
  if (user.deactivated && (user.erased || !eraseOf(context.options))) {
    await finishItem(context, item, { status: 'DONE' }, { ok: true, message: 'Reconciled: Synapse had the user deactivated.' });
    return;
  }
  if (item.auditId !== null) {
    await context.audit.complete(item.auditId, { ok: false, errorCode: 'NOT_SENT', message: 'The gateway stopped before Synapse deactivated the user; it was sent again.' });
    item.auditId = null;
  }
  await runUserDeactivation(context, item);
}
