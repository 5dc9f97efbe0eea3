import { builder } from '../builder.js';
import type { DeleteTaskRecord } from '../synapse/client.js';
import type { ShutdownResult } from '../synapse/schemas.js';

const knownStatuses = ['scheduled', 'active', 'complete', 'failed', 'cancelled', 'shutting_down', 'purging'] as const;
type KnownStatus = (typeof knownStatuses)[number];
const terminalStatuses = new Set<string>(['complete', 'failed', 'cancelled']);

export const DeleteStatus = builder.enumType('DeleteStatus', {
  description: 'Where a room delete stands. SHUTTING_DOWN and PURGING come from Synapse older than 1.93.',
  values: {
    SCHEDULED: { value: 'scheduled', description: 'Waiting for one of Synapse’s 5 task slots.' },
    ACTIVE: { value: 'active' },
    COMPLETE: { value: 'complete' },
    FAILED: { value: 'failed' },
    CANCELLED: { value: 'cancelled' },
    SHUTTING_DOWN: { value: 'shutting_down' },
    PURGING: { value: 'purging' },
    UNKNOWN: { value: 'unknown', description: 'A status this gateway does not know yet; see rawStatus.' },
  } as const,
});

const ShutdownRoom = builder.objectRef<ShutdownResult>('ShutdownRoom').implement({
  fields: (t) => ({
    kickedUsers: t.exposeStringList('kicked_users'),
    failedToKickUsers: t.exposeStringList('failed_to_kick_users'),
    localAliases: t.exposeStringList('local_aliases'),
    newRoomId: t.exposeString('new_room_id', { nullable: true }),
  }),
});

export const DeleteTask = builder.objectRef<DeleteTaskRecord>('DeleteTask').implement({
  description: "An asynchronous room delete (Synapse's v2 delete API).",
  fields: (t) => ({
    deleteId: t.exposeID('deleteId'),
    roomId: t.exposeString('roomId', { nullable: true, description: 'Null only on Synapse older than 1.131.' }),
    status: t.field({
      type: DeleteStatus,
      resolve: (task) => ((knownStatuses as readonly string[]).includes(task.status) ? (task.status as KnownStatus) : 'unknown'),
    }),
    rawStatus: t.exposeString('status', { description: 'The status string exactly as Synapse reported it.' }),
    isTerminal: t.boolean({ resolve: (task) => terminalStatuses.has(task.status) }),
    shutdownRoom: t.expose('shutdownRoom', {
      type: ShutdownRoom,
      nullable: true,
      description: 'Null until Synapse records the first step of the shutdown.',
    }),
    error: t.string({
      nullable: true,
      description: 'Why the task failed. Synapse only tells through its scheduled-tasks API.',
      resolve: async (task, _, ctx) => {
        if (task.error !== undefined) return task.error;
        if (task.status !== 'failed' || !task.roomId) return null;
        const tasks = await ctx.loaders.roomDeleteTasks.load(task.roomId);
        return tasks.find((candidate) => candidate.deleteId === task.deleteId)?.error ?? null;
      },
    }),
  }),
});

builder.queryField('deleteTask', (t) =>
  t.field({
    type: DeleteTask,
    nullable: true,
    description: 'A delete task by its ID; null when Synapse does not know it (unknown, or expired after 7 days).',
    args: { deleteId: t.arg.id({ required: true }) },
    resolve: (_root, { deleteId }, ctx) => ctx.loaders.deleteTask.load(deleteId),
  }),
);
