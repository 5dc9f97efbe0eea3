import { z } from 'zod';
import { builder } from '../builder.js';
import { roomRecovery } from '../jobs/room-facts.js';
import { audited, auditedCost } from './audited.js';
import { cost } from '../cost/field-cost.js';
import type { DeleteTaskEvent } from '../delete-task-hub.js';
import { badUserInput } from '../errors.js';
import { isLegalUserId, serverOf } from '../synapse/ids.js';
import { deleteStatuses, isTerminalStatus, withFailureReason, type DeleteStatus as KnownStatus, type DeleteTaskRecord, type ShutdownResult } from '../synapse/delete-tasks.js';
import { deleteIdArg, roomIdArg } from './arguments.js';
import { sharedDelivery } from './shared-delivery.js';


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
  extensions: { costScope: 'task' },
  fields: (t) => ({
    deleteId: t.exposeID('deleteId'),
    roomId: t.exposeString('roomId', { nullable: true, description: 'Null only on Synapse older than 1.131.' }),
    status: t.field({
      type: DeleteStatus,
      resolve: (task) => ((deleteStatuses as readonly string[]).includes(task.status) ? (task.status as KnownStatus) : 'unknown'),
    }),
    rawStatus: t.exposeString('status', { description: 'The status string exactly as Synapse reported it.' }),
    isTerminal: t.boolean({ resolve: (task) => isTerminalStatus(task.status) }),
    shutdownRoom: t.expose('shutdownRoom', {
      type: ShutdownRoom,
      nullable: true,
      description: 'Null until Synapse records the first step of the shutdown.',
    }),
    error: t.string({
      nullable: true,
      description: 'Why the task failed. Synapse only tells through its scheduled-tasks API.',
      extensions: cost.perTask('reason', "scheduled tasks of the task's room (for the reason)", 2),
      resolve: async (task, _, ctx) => (await withFailureReason(task, (roomId) => ctx.loaders.deleteTasks.forRoom.load(roomId))).error ?? null,
    }),
  }),
});

builder.queryField('deleteTask', (t) =>
  t.field({
    type: DeleteTask,
    nullable: true,
    description: 'A delete task by its ID; null when Synapse does not know it (unknown, or expired after 7 days).',
    extensions: cost.cachedLookup('delete status'),
    args: { deleteId: t.arg.id({ required: true, validate: deleteIdArg }) },
    resolve: (_root, { deleteId }, ctx) => ctx.loaders.deleteTasks.byId.load(deleteId),
  }),
);

const DeleteRoomOptions = builder.inputType('DeleteRoomOptions', {
  fields: (t) => ({
    block: t.boolean({ defaultValue: false, description: 'Also block the room against future joins.' }),
    purge: t.boolean({ defaultValue: true, description: 'Remove the room and its history from the database.' }),
    forcePurge: t.boolean({ defaultValue: false, description: 'Purge even if local users could not be kicked (needs purge).' }),
    newRoomUserId: t.id({ description: 'A local user who creates a room the former members are moved to.' }),
    roomName: t.string({ description: 'Name of that new room.' }),
    message: t.string({ description: 'First message in that new room.' }),
  }),
});

builder.mutationField('deleteRoom', (t) =>
  t.field({
    type: DeleteTask,
    description:
      "Starts Synapse's asynchronous delete and returns the task as Synapse reports it. If the room already has a delete " +
      'that is not finished, returns that task instead of starting a second one (whatever its options).',
    // The status of a delete this gateway started, pending-task checks (two calls on Synapse without the
    // scheduled-tasks API), the DELETE, its first status read, and whoami when options.newRoomUserId is given.
    extensions: auditedCost(
      cost.dataDependent("the room's history, when no local member is left to read its state from (for the audit log's recovery)", cost.perCall(6, 'room delete'), cost.perCall(3, 'state, block status and local aliases (for the audit log’s recovery)')),
    ),
    args: {
      roomId: t.arg.id({ required: true, validate: roomIdArg }),
      options: t.arg({ type: DeleteRoomOptions }),
    },
    resolve: async (_root, { roomId, options }, ctx) => {
      const purge = options?.purge ?? true;
      const forcePurge = options?.forcePurge ?? false;
      if (forcePurge && !purge) throw badUserInput('options.forcePurge only applies with options.purge: true');
      const newRoomUserId = options?.newRoomUserId ?? undefined;
      if (newRoomUserId !== undefined) {
        if (!isLegalUserId(newRoomUserId)) throw badUserInput(`options.newRoomUserId: ${newRoomUserId} is not a legal user ID`);
        const server = serverOf(await ctx.loaders.server.whoami());
        if (serverOf(newRoomUserId) !== server) throw badUserInput(`options.newRoomUserId must be a local user of ${server}, got ${newRoomUserId}`);
      }
      const body = {
        block: options?.block ?? false,
        purge,
        force_purge: forcePurge,
        ...(newRoomUserId === undefined ? {} : { new_room_user_id: newRoomUserId }),
        ...(options?.roomName == null ? {} : { room_name: options.roomName }),
        ...(options?.message == null ? {} : { message: options.message }),
      };
      const recovery = await roomRecovery(ctx.synapse, roomId);
      const task = await audited(ctx, { action: 'deleteRoom', target: roomId, arguments: { ...body }, recovery }, () => ctx.deleteGuard.start(ctx.synapse, roomId, body));
      if (!isTerminalStatus(task.status)) ctx.jobs.slots.noteSingle(task.deleteId, ctx.synapse.detached());
      return task;
    },
  }),
);

const resolveEvent = (event: DeleteTaskEvent) => {
  if (event.error) throw event.error;
  return event.task;
};

builder.subscriptionFields((t) => ({
  deleteTask: t.field({
    type: DeleteTask,
    description:
      'The current state of a delete task, then one event per change of status or shutdown result; completes after a ' +
      'terminal status. An unknown ID gives one NOT_FOUND error, then completes.',
    // The hub's reads carry failure reasons. Each event is the task's whole state.
    extensions: { ...cost.perCall(1, 'first delete status read', ['reason']), ...sharedDelivery },
    args: { deleteId: t.arg.id({ required: true, validate: deleteIdArg }) },
    // Polls outlive the operation that asked for them: no budget or deadline of its own.
    subscribe: (_root, { deleteId }, ctx) => ctx.deleteTaskHub.watch([deleteId], ctx.synapse.detached()),
    resolve: resolveEvent,
  }),
  deleteTasks: t.field({
    type: DeleteTask,
    description: 'The same for many tasks in one stream; completes when every one is terminal.',
    extensions: cost.perListItem('deleteIds', 1, 'first delete status read', ['reason']),
    args: { deleteIds: t.arg.idList({ required: true, validate: z.array(deleteIdArg).min(1) }) },
    subscribe: (_root, { deleteIds }, ctx) => {
      const limit = ctx.limits.maxDeleteIds;
      if (deleteIds.length > limit) throw badUserInput(`deleteIds: at most ${limit} per subscription (MAX_DELETE_IDS), got ${deleteIds.length}; split them over several subscriptions`);
      return ctx.deleteTaskHub.watch(deleteIds, ctx.synapse.detached());
    },
    resolve: resolveEvent,
  }),
}));
