import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createGatewayContext, type GatewayContext, type GatewayServices, type InitialContext } from './context.js';
import { maskError } from './errors.js';
import { defaultLimits, type Limits } from './limits.js';
import { GatewayMetrics } from './metrics.js';
import { useAuthFirst } from './plugins/auth-first.js';
import { useCsrfPrevention } from './plugins/csrf.js';
import { useDocumentLimits } from './plugins/document-limits.js';
import { useGraphiQLPage } from './plugins/graphiql-page.js';
import { useMediaDownload } from './plugins/media-download.js';
import { useMetricsEndpoint } from './plugins/metrics-endpoint.js';
import { useRequestBodyLimit } from './plugins/request-body-limit.js';
import { useOperationTracking } from './plugins/operation-tracking.js';
import { useUpstreamBudget } from './plugins/upstream-budget.js';
import { GatewayRuntime } from './runtime.js';
import { schema } from './schema/index.js';
import { useSharedSubscriptionExecution } from './shared-subscriptions.js';
import type { SynapseTransport } from './synapse/transport.js';

export interface YogaOptions {
  transport: SynapseTransport;
  /** Defaults: a fresh delete guard and admin guard, a delete-task hub polling every second on real timers. */
  services?: Partial<GatewayServices>;
  limits?: Limits;
  logger?: Logger;
  production?: boolean;
  /** Default: off in production. */
  introspection?: boolean;
  /** GET /metrics; default on. */
  metrics?: boolean;
  /** Origins allowed to call from a browser; none by default. */
  corsOrigins?: string[];
  /** Pre-filled in GraphiQL's header editor (the demo puts its admin token there). */
  graphiqlHeaders?: Record<string, string>;
}

export type GatewayYoga = YogaServerInstance<Record<string, unknown>, GatewayContext> & { readonly runtime: GatewayRuntime };

/** Builds the gateway's request handler. It listens nowhere: main.ts and the tests decide where it runs. */
export function buildYoga(options: YogaOptions): GatewayYoga {
  const { transport, logger, production = false, limits = defaultLimits } = options;
  const runtime = new GatewayRuntime(transport, limits, options.services, logger);
  const metrics =
    options.metrics === false
      ? undefined
      : new GatewayMetrics({
          upstreamQueue: () => ({ queued: transport.scheduler.queued, inFlight: transport.scheduler.inFlight }),
          deletePolling: () => runtime.services.deleteTaskHub.stats,
          liveSubscriptions: () => runtime.liveSubscriptions,
        });
  runtime.metrics = metrics;
  if (metrics) transport.onOutcome((outcome) => metrics.upstreamCall(outcome));
  const introspection = options.introspection ?? !production;
  const endpoint = '/graphql';
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: endpoint,
    logging: logger ?? false,
    landingPage: false,
    graphiql: false,
    // Form and multipart bodies are what a browser sends cross-site without asking: no uploads here anyway.
    multipart: false,
    // useRequestBodyLimit below, without Yoga's counting stream.
    maxRequestBodySize: false,
    cors: options.corsOrigins?.length ? { origin: options.corsOrigins, credentials: true, methods: ['GET', 'POST'] } : false,
    context: (initial) => createGatewayContext(transport, runtime.services, initial as InitialContext),
    maskedErrors: { maskError },
    plugins: [
      useOperationTracking(runtime, endpoint),
      ...(metrics ? [useMetricsEndpoint(metrics)] : []),
      useMediaDownload(runtime),
      ...(production
        ? []
        : [useGraphiQLPage({ endpoint, title: 'Synapse admin gateway', defaultQuery: exampleQuery, headers: options.graphiqlHeaders })]),
      useRequestBodyLimit(limits.maxRequestBytes),
      useCsrfPrevention(),
      useAuthFirst(),
      ...useDocumentLimits({ limits, introspection, suggestions: introspection, onReject: (reason) => metrics?.documentRejected(reason) }),
      useUpstreamBudget(),
      useSharedSubscriptionExecution((context) => (context as GatewayContext).synapse.identity),
      useReadinessCheck({
        endpoint: '/readiness',
        check: () => !runtime.draining && transport.ping(),
      }),
    ],
  });
  return Object.assign(yoga, { runtime });
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
