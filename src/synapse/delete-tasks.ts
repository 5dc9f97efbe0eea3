import { z } from 'zod';
import { isUnrecognizedEndpoint, nullIfNotFound, type AdminApi } from './admin-api.js';
import { optionalString } from './fields.js';
import type { ScheduledTask, ScheduledTasksApi } from './scheduled-tasks.js';

const shutdownResultSchema = z.object({
  kicked_users: z.array(z.string()).default([]),
  failed_to_kick_users: z.array(z.string()).default([]),
  local_aliases: z.array(z.string()).default([]),
  new_room_id: optionalString,
});
export type ShutdownResult = z.infer<typeof shutdownResultSchema>;

const deleteStatusSchema = z.object({
  delete_id: z.string(),
  room_id: optionalString, // only since Synapse 1.131
  status: z.string(),
  shutdown_room: shutdownResultSchema.nullish().transform((v) => v ?? null),
});
type DeleteStatusAnswer = z.infer<typeof deleteStatusSchema>;
const deleteStatusListSchema = z.object({ results: z.array(deleteStatusSchema) });
const deleteStartedSchema = z.object({ delete_id: z.string() });

/** The body of Synapse's v2 room delete, in Synapse's own field names. */
export interface DeleteRoomBody {
  block: boolean;
  purge: boolean;
  force_purge: boolean;
  new_room_user_id?: string;
  room_name?: string;
  message?: string;
}

/** A delete task in one shape, whichever endpoint reported it. `error` is undefined when that endpoint cannot tell. */
export interface DeleteTaskRecord {
  deleteId: string;
  roomId: string | null;
  status: string;
  shutdownRoom: ShutdownResult | null;
  error?: string | null;
}

/** The statuses a room delete goes through; `shutting_down` and `purging` come from Synapse older than 1.93. */
export const deleteStatuses = ['scheduled', 'active', 'complete', 'failed', 'cancelled', 'shutting_down', 'purging'] as const;
export type DeleteStatus = (typeof deleteStatuses)[number];
const terminalStatuses = new Set<string>(['complete', 'failed', 'cancelled']);

/** Whether a delete task will change no more (unknown statuses are assumed to still move). */
export function isTerminalStatus(status: string): boolean {
  return terminalStatuses.has(status);
}

/** Scheduled-task actions that delete a room: the v2 delete, and the automatic purge of forgotten rooms. */
const roomDeleteActions = new Set(['shutdown_and_purge_room', 'purge_room']);

/**
 * Room deletes, from the v2 delete API and from the scheduled-tasks API (the only one that shows tasks still
 * `scheduled` and gives failure reasons).
 */
export class DeleteTasksApi {
  constructor(
    private readonly api: AdminApi,
    private readonly scheduledTasks: ScheduledTasksApi,
  ) {}

  /** Every delete task of a room, oldest first; servers without the scheduled-tasks API fall back to the by-room status. */
  async forRoom(roomId: string): Promise<DeleteTaskRecord[]> {
    try {
      const tasks = await this.scheduledTasks.list({ resourceId: roomId });
      return tasks.filter((task) => roomDeleteActions.has(task.action)).map(fromScheduledTask);
    } catch (error) {
      if (!isUnrecognizedEndpoint(error)) throw error;
    }
    const list = await nullIfNotFound(this.api.get(deleteStatusListSchema, '/_synapse/admin/v2/rooms/{roomId}/delete_status', { roomId }));
    return (list?.results ?? []).map((task) => fromDeleteStatus(task, roomId));
  }

  /**
   * The room's v2 deletes (shutdowns) from the scheduled-tasks API alone, oldest first: what a job checks a delete
   * against. Never delete_status by room, which hides `scheduled` tasks; NOT_SUPPORTED on Synapse without that API.
   * Synapse's own purges of forgotten rooms (`purge_room`, scheduled days ahead) are not deletes anyone asked for.
   */
  async shutdownsForRoom(roomId: string): Promise<DeleteTaskRecord[]> {
    return (await this.scheduledTasks.list({ resourceId: roomId, actionNames: ['shutdown_and_purge_room'] })).map(fromScheduledTask);
  }

  /** Every v2 delete of a room that is still scheduled or running (the ones a new delete would duplicate). */
  async pendingForRoom(roomId: string): Promise<DeleteTaskRecord[]> {
    let tasks: DeleteTaskRecord[];
    try {
      tasks = await this.shutdownsForRoom(roomId);
    } catch (error) {
      if (!isUnrecognizedEndpoint(error)) throw error;
      tasks = await this.forRoom(roomId);
    }
    return tasks.filter((task) => !isTerminalStatus(task.status));
  }

  async status(deleteId: string): Promise<DeleteTaskRecord | null> {
    const task = await nullIfNotFound(this.api.get(deleteStatusSchema, '/_synapse/admin/v2/rooms/delete_status/{deleteId}', { deleteId }));
    return task && fromDeleteStatus(task, null);
  }

  /** Starts Synapse's asynchronous v2 delete; the returned ID is what delete_status and scheduled tasks know it by. */
  async start(roomId: string, body: DeleteRoomBody): Promise<string> {
    return (await this.api.send(deleteStartedSchema, 'DELETE', '/_synapse/admin/v2/rooms/{roomId}', { roomId }, body)).delete_id;
  }
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

function fromDeleteStatus(task: DeleteStatusAnswer, roomId: string | null): DeleteTaskRecord {
  return { deleteId: task.delete_id, roomId: task.room_id ?? roomId, status: task.status, shutdownRoom: task.shutdown_room };
}
