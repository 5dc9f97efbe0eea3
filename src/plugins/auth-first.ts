import type { Plugin } from '@envelop/core';
import { bearerToken, type InitialContext } from '../context.js';
import { synapseErrorToGraphQL } from '../errors.js';
import { malformedTokenError, missingTokenError } from '../synapse/errors.js';
import { isPlausibleToken } from '../synapse/ids.js';

/**
 * Nothing runs for a caller who has not shown a token: the operation is refused whole, with one error, before it is
 * even parsed (a 10,000-alias document costs nothing to refuse) and without any upstream call.
 */
export function useAuthFirst(): Plugin<InitialContext> {
  return {
    onParse({ context }) {
      const token = bearerToken(context);
      const refusal = token === undefined ? missingTokenError() : isPlausibleToken(token) ? undefined : malformedTokenError();
      if (!refusal) return;
      if (context.operation) context.operation.rejectedBecause = 'unauthenticated';
      const error = synapseErrorToGraphQL(refusal);
      // HTTP 401 (Yoga reads and strips `http`); the body says why.
      (error.extensions as Record<string, unknown>).http = { status: 401, headers: { 'www-authenticate': 'Bearer' } };
      throw error;
    },
  };
}
