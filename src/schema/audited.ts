import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { findSynapseError } from '../errors.js';
import { cost, type CostExtensions } from '../cost/field-cost.js';
import { SynapseError } from '../synapse/errors.js';

/** The audit log's actor: whoami, shared with every other field of the operation that asks. */
export const actorCost = cost.perOperation('whoami', 'whoami (the actor, for the audit log)');

/** A mutation's own cost and its actor's. */
export function auditedCost(own: CostExtensions): CostExtensions {
  return { ...own, cost: [...[own.cost ?? []].flat(), actorCost.cost as never] };
}

export interface AuditSpec {
  action: string;
  target: string | null;
  /** What an auditor may read: never a password or a token. */
  arguments?: Record<string, unknown>;
  recovery?: Record<string, unknown>;
}

function failureOf(error: unknown): { errorCode: string; message: string } {
  const upstream = findSynapseError(error);
  if (upstream) return { errorCode: upstream.code, message: upstream.message };
  if (error instanceof GraphQLError) return { errorCode: String(error.extensions.code ?? 'BAD_USER_INPUT'), message: error.message };
  return { errorCode: 'INTERNAL_SERVER_ERROR', message: 'The gateway failed; see its log.' };
}

/**
 * Runs a destructive action with its audit entry: written PENDING before the upstream call (the action does not
 * happen if it cannot be written), completed once with the outcome.
 */
export async function audited<T>(ctx: Context, spec: AuditSpec, action: () => Promise<T>): Promise<T> {
  const actor = await ctx.loaders.server.whoami();
  const id = await ctx.jobs.audit.begin({ actor, requestId: ctx.operation.requestId, ...spec });
  let result: T;
  try {
    result = await action();
  } catch (error) {
    await ctx.jobs.audit.complete(id, { ok: false, ...failureOf(error) });
    throw error;
  }
  await ctx.jobs.audit.complete(id, { ok: true });
  return result;
}

/**
 * The caller's user ID, once seen to be a server admin's: what the store holds (jobs, the audit log) is for admins
 * only, and Synapse is not there to refuse anyone else.
 */
export async function adminCaller(ctx: Context): Promise<string> {
  const userId = await ctx.loaders.server.whoami();
  if (ctx.adminGuard.isKnownAdmin(ctx.synapse.identity)) return userId;
  if (!(await ctx.loaders.users.isAdmin.load(userId))) {
    throw new SynapseError('FORBIDDEN', `${userId} is not a server admin; jobs and the audit log are for server admins only`, { status: 403, errcode: 'M_FORBIDDEN' });
  }
  return userId;
}

/** Whoami and the admin check, shared with the rest of the operation. */
export const adminCallerCost: CostExtensions = { cost: [actorCost.cost as never, cost.perOperation('isAdmin', 'admin check').cost as never] };
