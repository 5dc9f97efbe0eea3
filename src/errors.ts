import { GraphQLError } from 'graphql';
import { StoreError } from './store/store.js';
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

/** Finds an error of a class however deeply GraphQL wrapped it. */
function findError<E>(error: unknown, type: abstract new (...args: never[]) => E): E | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof type) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** Finds a SynapseError however deeply GraphQL wrapped it. */
export function findSynapseError(error: unknown): SynapseError | undefined {
  return findError(error, SynapseError);
}

/**
 * What a client sees of an error. Returned as they are (the same object, so Yoga does not log them as unexpected):
 * failed upstream calls, which carry their code since graphql-js copied it from the SynapseError, errors the schema
 * raised on purpose (validation, bad input), and graphql-js's own request errors (a variable of the wrong type, an
 * unknown operation), which are given BAD_USER_INPUT. Anything else is a bug: Yoga logs it with its stack, the client
 * gets no detail.
 */
export function maskError(error: unknown, message: string): Error {
  const upstream = findSynapseError(error);
  if (upstream) {
    return error instanceof GraphQLError && error.extensions.code === upstream.code ? error : synapseErrorToGraphQL(upstream, error instanceof GraphQLError ? error : undefined);
  }
  const store = findError(error, StoreError);
  if (store) {
    return new GraphQLError(store.message, {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
      originalError: store,
      extensions: { code: 'STORE_UNAVAILABLE' },
    });
  }
  if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) {
    if (error.extensions.code === undefined && !error.path) (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
    return error;
  }
  return new GraphQLError(message, {
    ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
