import type { Plugin } from '@envelop/core';
import { getOperationAST, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context } from '../context.js';
import { describeEstimate, estimateUpstreamCalls } from '../cost/estimate.js';
import { synapseErrorToGraphQL } from '../errors.js';
import { uncheckedCallAllowance } from '../limits.js';

/**
 * Every operation has an upstream budget, known before it runs: the cost model's estimate is checked against
 * MAX_UPSTREAM_CALLS, the token is checked to be an admin's before anything expensive, and the operation's clock
 * starts. The runtime counter (CallScope) then holds the same budget for costs that depend on data.
 */
export function useUpstreamBudget(): Plugin<Context> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const refusal = await admit(args);
      if (refusal) setResultAndStopExecution(refusal);
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = await admit(args);
      if (refusal) setResultAndStopExecution(refusal);
    },
  };
}

async function admit(args: ExecutionArgs): Promise<ExecutionResult | undefined> {
  const ctx = args.contextValue as Context;
  const ast = getOperationAST(args.document, args.operationName);
  ctx.operation.type = ast?.operation;
  ctx.operation.name = ast?.name?.value;
  // Subscriptions live as long as they are watched; their reads are bounded by the poll loop instead.
  if (ast?.operation !== 'subscription') ctx.scope.startDeadline(ctx.limits.operationTimeoutMs);
  const estimate = estimateUpstreamCalls(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
  // Invalid variables: execution refuses the operation itself, and may call nothing meanwhile.
  if (!estimate) return void ctx.scope.allow(0);
  const limit = ctx.limits.maxUpstreamCalls;
  if (estimate.total > limit) {
    ctx.operation.rejectedBecause = 'too_expensive';
    return {
      errors: [
        new GraphQLError(describeEstimate(estimate, limit), {
          extensions: { code: 'QUERY_TOO_EXPENSIVE', estimatedUpstreamCalls: estimate.total, limit },
        }),
      ],
    };
  }
  const checked = estimate.total > uncheckedCallAllowance || estimate.dataDependent.length > 0;
  if (checked) {
    const refused = await ctx.adminGuard.check(ctx);
    if (refused) {
      ctx.operation.rejectedBecause = refused.code.toLowerCase();
      return { errors: [synapseErrorToGraphQL(refused)] };
    }
  }
  // Unchecked, an operation may make what it was estimated to make and no more: the estimate is an upper bound.
  ctx.scope.allow(checked ? limit : estimate.total);
  return undefined;
}
