import { GraphQLError } from 'graphql';
import { SynapseError } from './synapse/errors.js';

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * How an upstream failure reaches the client: a stable code, Synapse's own status and errcode where it answered,
 * and a message a person can act on. Keeps the location and path of the GraphQL error that carried it.
 */
export function synapseErrorToGraphQL(error: SynapseError, carrier?: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: carrier?.nodes,
    path: carrier?.path,
    // Kept for the access log (one warning per upstream failure); never serialized.
    originalError: error,
    extensions: error.extensions,
  });
}

/** Finds a SynapseError however deeply GraphQL wrapped it. */
export function findSynapseError(error: unknown): SynapseError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof SynapseError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
