import { CallScope } from './call-scope.js';
import { malformedTokenError, missingTokenError, SynapseError } from './errors.js';
import { isPlausibleToken, segment } from './ids.js';
import { tokenIdentity } from './identity.js';
import {
  blockChangeSchema,
  blockStatusSchema,
  deletedCountSchema,
  deleteStartedSchema,
  emptyObjectSchema,
  eventContextSchema,
  forwardExtremitiesSchema,
  deleteStatusListSchema,
  deleteStatusSchema,
  roomDetailsSchema,
  roomListSchema,
  roomMembersSchema,
  roomStateSchema,
  scheduledTasksSchema,
  serverVersionSchema,
  shutdownResultSchema,
  userAdminSchema,
  userSchema,
  whoamiSchema,
  type BlockStatus,
  type ClientEvent,
  type DeleteStatus,
  type EventContext,
  type ForwardExtremities,
  type RoomDetails,
  type RoomList,
  type ScheduledTask,
  type ShutdownResult,
  type SynapseUser,
} from './schemas.js';
import type { RequestSpec, SynapseTransport } from './transport.js';

type Schema = Parameters<SynapseTransport['request']>[0];
type Query = RequestSpec['query'];

/** The body of Synapse's v2 room delete, in Synapse's own field names. */
export interface DeleteRoomBody {
  block: boolean;
  purge: boolean;
  force_purge: boolean;
  new_room_user_id?: string;
  room_name?: string;
  message?: string;
}

export interface ListRoomsParams {
  from: number;
  limit: number;
  orderBy?: string;
  dir?: 'f' | 'b';
  searchTerm?: string;
  publicRooms?: boolean;
  emptyRooms?: boolean;
}

/** A delete task in one shape, whichever endpoint reported it. `error` is undefined when that endpoint cannot tell. */
export interface DeleteTaskRecord {
  deleteId: string;
  roomId: string | null;
  status: string;
  shutdownRoom: ShutdownResult | null;
  error?: string | null;
}

const terminalStatuses = new Set(['complete', 'failed', 'cancelled']);

/** Whether a delete task will change no more (unknown statuses are assumed to still move). */
export function isTerminalStatus(status: string): boolean {
  return terminalStatuses.has(status);
}

/**
 * The task with its failure reason filled in: delete_status has none, so a failed task's reason is looked up among
 * its room's tasks from the scheduled-tasks API (`roomTasks`, so that callers can go through their own cache).
 */
export async function withFailureReason(task: DeleteTaskRecord, roomTasks: (roomId: string) => Promise<DeleteTaskRecord[]>): Promise<DeleteTaskRecord> {
  if (task.error !== undefined) return task;
  if (task.status !== 'failed' || !task.roomId) return { ...task, error: null };
  const tasks = await roomTasks(task.roomId);
  return { ...task, error: tasks.find((candidate) => candidate.deleteId === task.deleteId)?.error ?? null };
}

// Scheduled-task actions that delete a room: the v2 delete, and the automatic purge of forgotten rooms.
const roomDeleteActions = new Set(['shutdown_and_purge_room', 'purge_room']);

/** A route of the admin API: `{name}` placeholders are filled with escaped path segments. */
type Route = `/${string}`;

// Routes Synapse serves without an admin token (the version endpoint needs no token at all).
const openRoutes = new Set<Route>(['/_matrix/client/v3/account/whoami', '/_synapse/admin/v1/server_version']);

/**
 * The admin API as the holder of one access token sees it. Without a token (or with one that cannot be a Synapse
 * token) every call fails with UNAUTHENTICATED before anything reaches Synapse. Knows nothing of GraphQL.
 */
export class SynapseAdminClient {
  /** Set once the token is known not to be a server admin's: admin calls then fail here, without asking Synapse. */
  private adminRefusal?: SynapseError;

  constructor(
    private readonly transport: SynapseTransport,
    private readonly token: string | undefined,
    /** The operation these calls belong to (budget, deadline, cancellation); none for background work. */
    private readonly scope?: CallScope,
  ) {}

  /** Stands for the token in caches and fair sharing (a hash: the token itself is never used as a key). */
  get identity(): string {
    this.tokenHash ??= tokenIdentity(this.token);
    return this.tokenHash;
  }

  private tokenHash?: string;

  /**
   * The same token for work that outlives the operation (polling a delete for a subscriber): no budget and no
   * deadline, but calls of its own that `cancelCalls` stops when that work ends.
   */
  detached(): SynapseAdminClient {
    const client = new SynapseAdminClient(this.transport, this.token, new CallScope({ caller: this.scope?.caller ?? this.identity }));
    // What the admin check found holds for the work it does too.
    client.adminRefusal = this.adminRefusal;
    return client;
  }

  /** Abandons this client's queued and in-flight calls (they fail with CANCELLED). */
  cancelCalls(): void {
    this.scope?.cancel();
  }

  /** From now on, admin calls fail with `refusal` (what Synapse answered the admin check) instead of being sent. */
  refuseAdminCalls(refusal: SynapseError): void {
    this.adminRefusal = refusal;
  }

  private get<S extends Schema>(schema: S, route: Route, params?: Record<string, string>, query?: Query) {
    return this.send(schema, 'GET', route, params, undefined, query);
  }

  private async send<S extends Schema>(schema: S, method: RequestSpec['method'], route: Route, params: Record<string, string> = {}, body?: unknown, query?: Query) {
    if (this.token === undefined) throw missingTokenError();
    if (!isPlausibleToken(this.token)) throw malformedTokenError();
    if (this.adminRefusal && !openRoutes.has(route)) throw this.adminRefusal;
    const path = route.replace(/\{(\w+)\}/g, (_, name: string) => segment(params[name]!));
    try {
      return await this.transport.request(schema, { method, path, route, query, body, token: this.token }, this.scope, this.identity);
    } catch (error) {
      // Synapse refused the token: the operation's other calls would be refused too, so they are not sent.
      if (error instanceof SynapseError && error.code === 'UNAUTHENTICATED' && error.synapse) this.scope?.refuseAll(error);
      throw error;
    }
  }

  async whoami(): Promise<string> {
    return (await this.get(whoamiSchema, '/_matrix/client/v3/account/whoami')).user_id;
  }

  /** Whether a user is a server admin; a caller who is not an admin may not ask, which also answers the question. */
  async isAdmin(userId: string): Promise<boolean> {
    try {
      return (await this.get(userAdminSchema, '/_synapse/admin/v1/users/{userId}/admin', { userId })).admin;
    } catch (error) {
      if (error instanceof SynapseError && error.code === 'FORBIDDEN') return false;
      throw error;
    }
  }

  async serverVersion(): Promise<string> {
    return (await this.get(serverVersionSchema, '/_synapse/admin/v1/server_version')).server_version;
  }

  listRooms(params: ListRoomsParams): Promise<RoomList> {
    return this.get(roomListSchema, '/_synapse/admin/v1/rooms', undefined, {
      from: params.from,
      limit: params.limit,
      order_by: params.orderBy,
      dir: params.dir,
      search_term: params.searchTerm,
      public_rooms: params.publicRooms,
      empty_rooms: params.emptyRooms,
    });
  }

  roomDetails(roomId: string): Promise<RoomDetails | null> {
    return nullIfNotFound(this.get(roomDetailsSchema, '/_synapse/admin/v1/rooms/{roomId}', { roomId }));
  }

  async roomMembers(roomId: string): Promise<string[]> {
    return (await this.get(roomMembersSchema, '/_synapse/admin/v1/rooms/{roomId}/members', { roomId })).members;
  }

  async roomState(roomId: string): Promise<ClientEvent[]> {
    return (await this.get(roomStateSchema, '/_synapse/admin/v1/rooms/{roomId}/state', { roomId })).state;
  }

  roomBlockStatus(roomId: string): Promise<BlockStatus> {
    return this.get(blockStatusSchema, '/_synapse/admin/v1/rooms/{roomId}/block', { roomId });
  }

  /**
   * Every delete task of a room, oldest first. The scheduled-tasks API is the only one that shows tasks still
   * `scheduled` and gives failure reasons; servers without it fall back to the by-room delete status.
   */
  async roomDeleteTasks(roomId: string): Promise<DeleteTaskRecord[]> {
    try {
      const tasks = await this.scheduledTasks({ resource_id: roomId });
      return tasks.filter((task) => roomDeleteActions.has(task.action)).map(fromScheduledTask);
    } catch (error) {
      if (!isUnrecognizedEndpoint(error)) throw error;
    }
    const list = await nullIfNotFound(this.get(deleteStatusListSchema, '/_synapse/admin/v2/rooms/{roomId}/delete_status', { roomId }));
    return (list?.results ?? []).map((task) => fromDeleteStatus(task, roomId));
  }

  async deleteStatus(deleteId: string): Promise<DeleteTaskRecord | null> {
    const task = await nullIfNotFound(this.get(deleteStatusSchema, '/_synapse/admin/v2/rooms/delete_status/{deleteId}', { deleteId }));
    return task && fromDeleteStatus(task, null);
  }

  /** Blocks or unblocks (idempotent; unknown rooms too), then reads back who blocked it. */
  async setRoomBlocked(roomId: string, block: boolean): Promise<BlockStatus> {
    await this.send(blockChangeSchema, 'PUT', '/_synapse/admin/v1/rooms/{roomId}/block', { roomId }, { block });
    return this.roomBlockStatus(roomId);
  }

  /** Starts Synapse's asynchronous v2 delete; the returned ID is what delete_status and scheduled tasks know it by. */
  async startRoomDelete(roomId: string, body: DeleteRoomBody): Promise<string> {
    return (await this.send(deleteStartedSchema, 'DELETE', '/_synapse/admin/v2/rooms/{roomId}', { roomId }, body)).delete_id;
  }

  /** Every delete task of a room that is still scheduled or running (the ones a new delete would duplicate). */
  async pendingRoomDeletes(roomId: string): Promise<DeleteTaskRecord[]> {
    return (await this.roomDeleteTasks(roomId)).filter((task) => !isTerminalStatus(task.status));
  }

  async makeRoomAdmin(roomIdOrAlias: string, userId: string | undefined): Promise<void> {
    await this.send(emptyObjectSchema, 'POST', '/_synapse/admin/v1/rooms/{room}/make_room_admin', { room: roomIdOrAlias }, userId === undefined ? {} : { user_id: userId });
  }

  forwardExtremities(roomIdOrAlias: string): Promise<ForwardExtremities> {
    return this.get(forwardExtremitiesSchema, '/_synapse/admin/v1/rooms/{room}/forward_extremities', { room: roomIdOrAlias });
  }

  async deleteForwardExtremities(roomIdOrAlias: string): Promise<number> {
    return (await this.send(deletedCountSchema, 'DELETE', '/_synapse/admin/v1/rooms/{room}/forward_extremities', { room: roomIdOrAlias })).deleted;
  }

  /** Events around one event, or null when the room or the event is unknown (Synapse says 404 either way). */
  eventContext(roomId: string, eventId: string, limit: number | undefined): Promise<EventContext | null> {
    // An unknown room answers 404 M_UNKNOWN ("No row found"), an unknown event 404 M_NOT_FOUND.
    return nullIfNotFound(this.get(eventContextSchema, '/_synapse/admin/v1/rooms/{roomId}/context/{eventId}', { roomId, eventId }, { limit }));
  }

  async user(userId: string): Promise<SynapseUser | null> {
    return nullIfNotFound(this.get(userSchema, '/_synapse/admin/v2/users/{userId}', { userId }));
  }

  private async scheduledTasks(query: Record<string, string>): Promise<ScheduledTask[]> {
    const answer = await this.get(scheduledTasksSchema, '/_synapse/admin/v1/scheduled_tasks', undefined, query);
    return answer.scheduled_tasks.sort((a, b) => (a.timestamp_ms ?? 0) - (b.timestamp_ms ?? 0));
  }
}

function fromScheduledTask(task: ScheduledTask): DeleteTaskRecord {
  const result = shutdownResultSchema.safeParse(task.result);
  return {
    deleteId: task.id,
    roomId: task.resource_id,
    status: task.status,
    shutdownRoom: task.result != null && result.success ? result.data : null,
    error: task.error,
  };
}

function fromDeleteStatus(task: DeleteStatus, roomId: string | null): DeleteTaskRecord {
  return { deleteId: task.delete_id, roomId: task.room_id ?? roomId, status: task.status, shutdownRoom: task.shutdown_room };
}

async function nullIfNotFound<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof SynapseError && error.code === 'NOT_FOUND' && error.synapse?.errcode !== 'M_UNRECOGNIZED') return null;
    throw error;
  }
}

function isUnrecognizedEndpoint(error: unknown): boolean {
  return error instanceof SynapseError && error.synapse?.errcode === 'M_UNRECOGNIZED';
}
