import { createHash } from 'node:crypto';
import { missingTokenError, SynapseError } from './errors.js';
import { segment } from './ids.js';
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

/**
 * The admin API as the holder of one access token sees it. Without a token every call fails with UNAUTHENTICATED
 * before anything reaches Synapse. Knows nothing of GraphQL.
 */
export class SynapseAdminClient {
  constructor(
    private readonly transport: SynapseTransport,
    private readonly token: string | undefined,
  ) {}

  /** Stands for the token in caches (a hash: the token itself is never used as a key). */
  get identity(): string {
    this.tokenHash ??= this.token === undefined ? 'anonymous' : createHash('sha256').update(this.token).digest('base64url');
    return this.tokenHash;
  }

  private tokenHash?: string;

  private get<S extends Schema>(schema: S, path: string, query?: Query) {
    return this.send(schema, 'GET', path, undefined, query);
  }

  private async send<S extends Schema>(schema: S, method: RequestSpec['method'], path: string, body?: unknown, query?: Query) {
    if (this.token === undefined) throw missingTokenError();
    return this.transport.request(schema, { method, path, query, body, token: this.token });
  }

  async whoami(): Promise<string> {
    return (await this.get(whoamiSchema, '/_matrix/client/v3/account/whoami')).user_id;
  }

  /** Whether a user is a server admin; a caller who is not an admin may not ask, which also answers the question. */
  async isAdmin(userId: string): Promise<boolean> {
    try {
      return (await this.get(userAdminSchema, `/_synapse/admin/v1/users/${segment(userId)}/admin`)).admin;
    } catch (error) {
      if (error instanceof SynapseError && error.code === 'FORBIDDEN') return false;
      throw error;
    }
  }

  async serverVersion(): Promise<string> {
    return (await this.get(serverVersionSchema, '/_synapse/admin/v1/server_version')).server_version;
  }

  listRooms(params: ListRoomsParams): Promise<RoomList> {
    return this.get(roomListSchema, '/_synapse/admin/v1/rooms', {
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
    return nullIfNotFound(this.get(roomDetailsSchema, `/_synapse/admin/v1/rooms/${segment(roomId)}`));
  }

  async roomMembers(roomId: string): Promise<string[]> {
    return (await this.get(roomMembersSchema, `/_synapse/admin/v1/rooms/${segment(roomId)}/members`)).members;
  }

  async roomState(roomId: string): Promise<ClientEvent[]> {
    return (await this.get(roomStateSchema, `/_synapse/admin/v1/rooms/${segment(roomId)}/state`)).state;
  }

  roomBlockStatus(roomId: string): Promise<BlockStatus> {
    return this.get(blockStatusSchema, `/_synapse/admin/v1/rooms/${segment(roomId)}/block`);
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
    const list = await nullIfNotFound(
      this.get(deleteStatusListSchema, `/_synapse/admin/v2/rooms/${segment(roomId)}/delete_status`),
    );
    return (list?.results ?? []).map((task) => fromDeleteStatus(task, roomId));
  }

  async deleteStatus(deleteId: string): Promise<DeleteTaskRecord | null> {
    const task = await nullIfNotFound(
      this.get(deleteStatusSchema, `/_synapse/admin/v2/rooms/delete_status/${segment(deleteId)}`),
    );
    return task && fromDeleteStatus(task, null);
  }

  /** Blocks or unblocks (idempotent; unknown rooms too), then reads back who blocked it. */
  async setRoomBlocked(roomId: string, block: boolean): Promise<BlockStatus> {
    await this.send(blockChangeSchema, 'PUT', `/_synapse/admin/v1/rooms/${segment(roomId)}/block`, { block });
    return this.roomBlockStatus(roomId);
  }

  /** Starts Synapse's asynchronous v2 delete; the returned ID is what delete_status and scheduled tasks know it by. */
  async startRoomDelete(roomId: string, body: DeleteRoomBody): Promise<string> {
    return (await this.send(deleteStartedSchema, 'DELETE', `/_synapse/admin/v2/rooms/${segment(roomId)}`, body)).delete_id;
  }

  /** Every delete task of a room that is still scheduled or running (the ones a new delete would duplicate). */
  async pendingRoomDeletes(roomId: string): Promise<DeleteTaskRecord[]> {
    return (await this.roomDeleteTasks(roomId)).filter((task) => !isTerminalStatus(task.status));
  }

  async makeRoomAdmin(roomIdOrAlias: string, userId: string | undefined): Promise<void> {
    await this.send(emptyObjectSchema, 'POST', `/_synapse/admin/v1/rooms/${segment(roomIdOrAlias)}/make_room_admin`, userId === undefined ? {} : { user_id: userId });
  }

  forwardExtremities(roomIdOrAlias: string): Promise<ForwardExtremities> {
    return this.get(forwardExtremitiesSchema, `/_synapse/admin/v1/rooms/${segment(roomIdOrAlias)}/forward_extremities`);
  }

  async deleteForwardExtremities(roomIdOrAlias: string): Promise<number> {
    return (await this.send(deletedCountSchema, 'DELETE', `/_synapse/admin/v1/rooms/${segment(roomIdOrAlias)}/forward_extremities`)).deleted;
  }

  /** Events around one event, or null when the room or the event is unknown (Synapse says 404 either way). */
  eventContext(roomId: string, eventId: string, limit: number | undefined): Promise<EventContext | null> {
    // An unknown room answers 404 M_UNKNOWN ("No row found"), an unknown event 404 M_NOT_FOUND.
    return nullIfNotFound(this.get(eventContextSchema, `/_synapse/admin/v1/rooms/${segment(roomId)}/context/${segment(eventId)}`, { limit }));
  }

  async user(userId: string): Promise<SynapseUser | null> {
    return nullIfNotFound(this.get(userSchema, `/_synapse/admin/v2/users/${segment(userId)}`));
  }

  private async scheduledTasks(query: Record<string, string>): Promise<ScheduledTask[]> {
    const answer = await this.get(scheduledTasksSchema, '/_synapse/admin/v1/scheduled_tasks', query);
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
