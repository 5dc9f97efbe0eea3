import { z } from 'zod';
import { builder } from '../builder.js';
import { cost } from '../cost/field-cost.js';
import { badUserInput } from '../errors.js';
import { isWellFormed } from '../synapse/ids.js';
import { taskStatuses, type ScheduledTask as ScheduledTaskRecord, type TaskStatus } from '../synapse/scheduled-tasks.js';

export const ScheduledTaskStatus = builder.enumType('ScheduledTaskStatus', {
  values: {
    SCHEDULED: { value: 'scheduled', description: 'Waiting for one of the 5 task slots Synapse shares between all tasks.' },
    ACTIVE: { value: 'active' },
    COMPLETE: { value: 'complete' },
    FAILED: { value: 'failed' },
    CANCELLED: { value: 'cancelled' },
    UNKNOWN: { value: 'unknown', description: 'A status this gateway does not know yet; see rawStatus. Not a filter.' },
  } as const,
});

const ScheduledTask = builder.objectRef<ScheduledTaskRecord>('ScheduledTask').implement({
  description: "One of Synapse's background tasks. Synapse forgets finished ones after 7 days.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'For room deletes, the delete ID.' }),
    action: t.exposeString('action', { description: 'What the task does: shutdown_and_purge_room, purge_room, purge_history, update_join_states, …' }),
    status: t.field({
      type: ScheduledTaskStatus,
      resolve: (task) => ((taskStatuses as readonly string[]).includes(task.status) ? (task.status as TaskStatus) : 'unknown'),
    }),
    rawStatus: t.exposeString('status', { description: 'The status string exactly as Synapse reported it.' }),
    resourceId: t.exposeString('resource_id', { nullable: true, description: 'What the task works on: a room ID, a user ID, a device ID.' }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was launched while scheduled, else when its status last changed.',
      resolve: (task) => (task.timestamp_ms === null ? null : new Date(task.timestamp_ms)),
    }),
    result: t.expose('result', { type: 'JSON', nullable: true }),
    error: t.exposeString('error', { nullable: true }),
  }),
});

const filterText = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters').refine(isWellFormed, { message: 'contains a lone UTF-16 surrogate' });

builder.queryField('scheduledTasks', (t) =>
  t.field({
    type: [ScheduledTask],
    description:
      "Synapse's background tasks, oldest first (one call, unpaged: Synapse keeps 7 days). Filters combine; a list filter matches any of its values.",
    extensions: cost.perCall(1, 'scheduled tasks'),
    args: {
      actionName: t.arg.stringList({ validate: z.array(filterText).max(20) }),
      resourceId: t.arg.string({ validate: filterText }),
      status: t.arg({ type: [ScheduledTaskStatus] }),
      since: t.arg({ type: 'DateTime', description: 'Only tasks updated at or after this time.' }),
      until: t.arg({ type: 'DateTime', description: 'Only tasks updated at or before this time.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.status?.includes('unknown')) throw badUserInput('status: UNKNOWN describes a task, it cannot filter them');
      const tasks = await ctx.synapse.scheduledTasks.list({
        actionNames: args.actionName ?? undefined,
        resourceId: args.resourceId ?? undefined,
        statuses: (args.status as TaskStatus[] | null) ?? undefined,
        maxTimestampMs: args.until?.getTime(),
      });
      // Synapse has no lower bound.
      const since = args.since?.getTime();
      return since === undefined ? tasks : tasks.filter((task) => (task.timestamp_ms ?? 0) >= since);
    },
  }),
);
