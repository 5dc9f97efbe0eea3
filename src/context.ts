import DataLoader from 'dataloader';
import type { YogaInitialContext } from 'graphql-yoga';
import type { RoomDeleteGuard } from './delete-guard.js';
import type { DeleteTaskHub } from './delete-task-hub.js';
import type { DeleteTaskRecord } from './synapse/client.js';
import { SynapseAdminClient } from './synapse/client.js';
import { roomNotFound } from './synapse/errors.js';
import type { BlockStatus, ClientEvent, EventContext, ForwardExtremities, RoomDetails, RoomListEntry, SynapseUser } from './synapse/schemas.js';
import type { SynapseTransport } from './synapse/transport.js';
import type { AdminGuard } from './admin-guard.js';
import type { Limits } from './limits.js';
import { Operation, requestIdFrom } from './operation.js';
import { CallScope, unverifiedCaller } from './synapse/call-scope.js';
import { tokenIdentity } from './synapse/identity.js';

/**
 * Per-operation caches. Synapse has no batch endpoints, so these buy de-duplication: one (method, path) is fetched
 * at most once per operation, whatever aliases or nesting the query uses. They live and die with one context,
 * which belongs to one caller and one token.
 */
export interface Loaders {
  /** List-level room fields: primed from list pages, else read from the room's details. */
  roomSummary: DataLoader<string, RoomListEntry>;
  roomDetails: DataLoader<string, RoomDetails | null>;
  /** A room's details, or NOT_FOUND when it vanished (e.g. deleted since the list was read). */
  existingRoom: (roomId: string) => Promise<RoomDetails>;
  roomMembers: DataLoader<string, string[]>;
  roomState: DataLoader<string, ClientEvent[]>;
  roomBlock: DataLoader<string, BlockStatus>;
  roomDeleteTasks: DataLoader<string, DeleteTaskRecord[]>;
  deleteTask: DataLoader<string, DeleteTaskRecord | null>;
  user: DataLoader<string, SynapseUser | null>;
  isAdmin: DataLoader<string, boolean>;
  forwardExtremities: DataLoader<string, ForwardExtremities>;
  /** Keyed by eventContextKey(roomId, eventId, limit). */
  eventContext: DataLoader<string, EventContext | null>;
  whoami: () => Promise<string>;
  serverVersion: () => Promise<string>;
}

/** Process-wide services: shared by every caller, holding no caller's data beyond what their work needs. */
export interface GatewayServices {
  deleteGuard: RoomDeleteGuard;
  deleteTaskHub: DeleteTaskHub;
  adminGuard: AdminGuard;
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
  /** WebSocket: aborted when the connection closes. */
  clientSignal?: AbortSignal;
}

/** The bearer token from the HTTP header or, on WebSocket, from connectionParams.authorization. */
export function bearerToken({ request, connectionParams }: AuthSources): string | undefined {
  const fromParams = connectionParams?.authorization ?? connectionParams?.Authorization;
  const header = typeof fromParams === 'string' ? fromParams : request?.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

export function createGatewayContext(transport: SynapseTransport, services: GatewayServices, initial: InitialContext): GatewayContext {
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
  const loaders = new OperationLoaders(synapse, operation);
  return { ...services, synapse, loaders, scope, operation };
}

/** Event contexts are cached per (room, event, limit); the loader key carries all three. */
export function eventContextKey(roomId: string, eventId: string, limit: number | null | undefined): string {
  return JSON.stringify([roomId, eventId, limit ?? null]);
}

export function loadEventContext(synapse: SynapseAdminClient, key: string): Promise<EventContext | null> {
  const [roomId, eventId, limit] = JSON.parse(key) as [string, string, number | null];
  return synapse.eventContext(roomId, eventId, limit ?? undefined);
}

/** A cached loader over an endpoint that takes one key per call (there is nothing to batch). */
function perKey<V>(load: (key: string) => Promise<V>): DataLoader<string, V> {
  return new DataLoader<string, V>(
    (keys) => Promise.all(keys.map((key) => load(key).catch((error: unknown) => toError(error)))),
    { batch: false },
  );
}

/**
 * The loaders of one operation, each made on first use: a subscription, or a query of three fields, needs few of
 * them (getters on the prototype, so an unused loader costs one empty slot).
 */
class OperationLoaders implements Loaders {
  private cached: Partial<Loaders> = {};

  constructor(
    private readonly synapse: SynapseAdminClient,
    private readonly operation: Operation,
  ) {}

  get roomSummary() {
    return (this.cached.roomSummary ??= perKey((roomId: string) => this.existingRoom(roomId)));
  }
  get roomDetails() {
    return (this.cached.roomDetails ??= perKey((roomId: string) => this.synapse.roomDetails(roomId)));
  }
  readonly existingRoom = async (roomId: string): Promise<RoomDetails> => {
    const details = await this.roomDetails.load(roomId);
    if (!details) throw roomNotFound(roomId);
    return details;
  };
  get roomMembers() {
    return (this.cached.roomMembers ??= perKey((roomId: string) => this.synapse.roomMembers(roomId)));
  }
  get roomState() {
    return (this.cached.roomState ??= perKey((roomId: string) => this.synapse.roomState(roomId)));
  }
  get roomBlock() {
    return (this.cached.roomBlock ??= perKey((roomId: string) => this.synapse.roomBlockStatus(roomId)));
  }
  get roomDeleteTasks() {
    return (this.cached.roomDeleteTasks ??= perKey((roomId: string) => this.synapse.roomDeleteTasks(roomId)));
  }
  get deleteTask() {
    return (this.cached.deleteTask ??= perKey((deleteId: string) => this.synapse.deleteStatus(deleteId)));
  }
  get user() {
    return (this.cached.user ??= perKey((userId: string) => this.synapse.user(userId)));
  }
  get isAdmin() {
    return (this.cached.isAdmin ??= perKey((userId: string) => this.synapse.isAdmin(userId)));
  }
  get forwardExtremities() {
    return (this.cached.forwardExtremities ??= perKey((roomIdOrAlias: string) => this.synapse.forwardExtremities(roomIdOrAlias)));
  }
  get eventContext() {
    return (this.cached.eventContext ??= perKey((key: string) => loadEventContext(this.synapse, key)));
  }
  get whoami() {
    return (this.cached.whoami ??= once(async () => (this.operation.userId = await this.synapse.whoami())));
  }
  get serverVersion() {
    return (this.cached.serverVersion ??= once(() => this.synapse.serverVersion()));
  }
}

function once<V>(load: () => Promise<V>): () => Promise<V> {
  let pending: Promise<V> | undefined;
  return () => (pending ??= load());
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
