import type { YogaInitialContext } from 'graphql-yoga';
import type { AdminGuard } from './admin-guard.js';
import type { RoomDeleteGuard } from './delete-guard.js';
import type { DeleteTaskHub } from './delete-task-hub.js';
import type { HomeserverName } from './homeserver-name.js';
import type { JobServices } from './jobs/job-services.js';
import type { Limits } from './limits.js';
import { Loaders } from './loaders/index.js';
import { Operation, requestIdFrom } from './operation.js';
import { CallScope, unverifiedCaller, type AbortSource } from './synapse/call-scope.js';
import { SynapseAdminClient } from './synapse/client.js';
import { tokenIdentity } from './synapse/identity.js';
import type { SynapseTransport } from './synapse/transport.js';

/** Process-wide services: shared by every caller, holding no caller's data beyond what their work needs. */
export interface GatewayServices {
  homeserver: HomeserverName;
  deleteGuard: RoomDeleteGuard;
  deleteTaskHub: DeleteTaskHub;
  adminGuard: AdminGuard;
  /** The store, the audit log and jobs. */
  jobs: JobServices;
  limits: Limits;
}

export interface GatewayContext extends GatewayServices {
  readonly synapse: SynapseAdminClient;
  readonly loaders: Loaders;
  /** The operation's upstream calls: its caller, budget, deadline, cancellation. */
  readonly scope: CallScope;
  readonly operation: Operation;
}

export type Context = YogaInitialContext & GatewayContext;

interface AuthSources {
  request?: { headers: { get(name: string): string | null } };
  connectionParams?: Record<string, unknown>;
}

/** What the transports put in the initial context besides the token's sources. */
export interface InitialContext extends AuthSources {
  request?: AuthSources['request'] & { signal?: EventTarget & { aborted: boolean } };
  /** Set by the HTTP and WebSocket entries; absent for contexts built by hand. */
  operation?: Operation;
  /** Aborted when the client goes away (a WebSocket closes, an HTTP client hangs up before its answer). */
  clientSignal?: AbortSource;
}

/** The bearer token from the HTTP header or, on WebSocket, from connectionParams.authorization. */
export function bearerToken({ request, connectionParams }: AuthSources): string | undefined {
  const fromParams = connectionParams?.authorization ?? connectionParams?.Authorization;
  const header = typeof fromParams === 'string' ? fromParams : request?.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * One operation's context: the caller's client and loaders, the scope of its upstream calls. `cache: false` is the
 * benchmark's naive mode (every field makes its own call).
 */
export function createGatewayContext(transport: SynapseTransport, services: GatewayServices, initial: InitialContext, { cache = true } = {}): GatewayContext {
  const token = bearerToken(initial);
  const operation = initial.operation ?? new Operation(requestIdFrom(undefined), 'http');
  const identity = tokenIdentity(token);
  // A token seen lately to be an admin's gets its own share of the connections; others share one.
  const scope = new CallScope({ caller: services.adminGuard.isKnownAdmin(identity) ? identity : unverifiedCaller });
  operation.identity = identity;
  operation.scope = scope;
  // Nobody will read the answers of a client that went away: its queued and in-flight calls stop.
  const clientSignal = initial.clientSignal ?? initial.request?.signal;
  if (clientSignal?.aborted) scope.cancel();
  else if (clientSignal) {
    const cancel = () => scope.cancel();
    clientSignal.addEventListener('abort', cancel, { once: true });
    // A WebSocket's signal outlives its operations: each takes its listener with it.
    operation.onEnd(() => clientSignal.removeEventListener('abort', cancel));
  }
  const synapse = new SynapseAdminClient(transport, token, scope);
  const loaders = new Loaders(synapse, {
    cache,
    onCaller: (userId) => {
      operation.userId = userId;
      services.homeserver.learn(userId);
    },
  });
  return { ...services, synapse, loaders, scope, operation };
}
