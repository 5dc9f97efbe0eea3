import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { bearerToken, createGatewayContext, type GatewayContext, type GatewayServices } from './context.js';
import { RoomDeleteGuard } from './delete-guard.js';
import { DeleteTaskHub } from './delete-task-hub.js';
import { findSynapseError, synapseErrorToGraphQL } from './errors.js';
import { schema } from './schema/index.js';
import { useSharedSubscriptionExecution } from './shared-subscriptions.js';
import type { SynapseTransport } from './synapse/transport.js';

export interface YogaOptions {
  transport: SynapseTransport;
  /** Defaults: a fresh delete guard, and a delete-task hub polling every second on real timers. */
  services?: Partial<GatewayServices>;
  logger?: Logger;
  production?: boolean;
  /** Pre-filled in GraphiQL's header editor (the demo puts its admin token there). */
  graphiqlHeaders?: Record<string, string>;
}

export type GatewayYoga = YogaServerInstance<Record<string, unknown>, GatewayContext>;

/** Builds the gateway's request handler. It listens nowhere: main.ts and the tests decide where it runs. */
export function buildYoga({ transport, services = {}, logger, production = false, graphiqlHeaders }: YogaOptions): GatewayYoga {
  const shared: GatewayServices = {
    deleteGuard: services.deleteGuard ?? new RoomDeleteGuard(),
    deleteTaskHub: services.deleteTaskHub ?? new DeleteTaskHub({ intervalMs: 1000 }),
  };
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    logging: logger ?? false,
    landingPage: false,
    // GraphiQL with its assets inlined: it works on hosts that cannot reach a CDN.
    renderGraphiQL,
    graphiql: production
      ? false
      : {
          title: 'Synapse admin gateway',
          subscriptionsProtocol: 'WS',
          ...(graphiqlHeaders ? { headers: JSON.stringify(graphiqlHeaders, null, 2) } : {}),
          defaultQuery: exampleQuery,
        },
    context: (initial) => createGatewayContext(transport, shared, bearerToken(initial)),
    maskedErrors: {
      maskError: (error, message) => {
        const upstream = findSynapseError(error);
        if (upstream) {
          // Client mistakes are the client's business; a failing upstream is the operator's.
          if (upstream.code === 'UPSTREAM_ERROR' || upstream.code === 'UPSTREAM_UNAVAILABLE') {
            logger?.warn({ code: upstream.code, synapse: upstream.synapse, reason: upstream.message }, 'upstream failure');
          }
          return synapseErrorToGraphQL(upstream, error instanceof GraphQLError ? error : undefined);
        }
        // Errors the schema raised on purpose (validation, bad input) pass as they are, with their path.
        if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) return error;
        logger?.error({ err: error }, 'unexpected error');
        return new GraphQLError(message, {
          ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      },
    },
    plugins: [
      useSharedSubscriptionExecution(),
      useReadinessCheck({
        endpoint: '/readiness',
        check: () => transport.ping(),
      }),
    ],
  });
}

const exampleQuery = /* GraphQL */ `# Rooms with their members, in one request.
query Rooms {
  viewer { userId isAdmin }
  rooms(first: 10, orderBy: JOINED_MEMBERS) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        roomId name canonicalAlias joinedMembers encryption isSpace
        members { userId isLocal displayName }
      }
    }
  }
}
`;
