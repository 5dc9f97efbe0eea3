import { missingTokenError, SynapseError } from './errors.js';
import { segment } from './ids.js';
import {
  blockStatusSchema,
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
  type RoomDetails,
  type RoomList,
  type ScheduledTask,
  type ShutdownResult,
  type SynapseUser,
} from './schemas.js';
import type { SynapseTransport } from './transport.js';

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

  private async get<S extends Parameters<SynapseTransport['request']>[0]>(schema: S, path: string, query?: Record<string, string | number | boolean | undefined>) {
    if (this.token === undefined) throw missingTokenError();
    return this.transport.request(schema, { method: 'GET', path, query, token: this.token });
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
