import { z } from 'zod';
import type { AdminApi } from './admin-api.js';
import { optionalString } from './fields.js';

const scheduledTaskSchema = z.object({
  id: z.string(),
  action: z.string(),
  status: z.string(),
  /** Launch time while scheduled, else the time of the last status change. */
  timestamp_ms: z.number().nullish().transform((v) => v ?? null),
  resource_id: optionalString,
  result: z.unknown().nullish().transform((v) => v ?? null),
  error: optionalString,
});
export type ScheduledTask = z.infer<typeof scheduledTaskSchema>;
const scheduledTasksSchema = z.object({ scheduled_tasks: z.array(scheduledTaskSchema) });

/** The statuses Synapse's task scheduler knows (and accepts as a filter). */
export const taskStatuses = ['scheduled', 'active', 'complete', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export interface ScheduledTaskFilter {
  /** Any of these actions (Synapse ANDs the filters and ORs the values of one). */
  actionNames?: string[];
  resourceId?: string;
  statuses?: TaskStatus[];
  /** Only tasks last changed at or before this time (Synapse's max_timestamp, in ms). */
  maxTimestampMs?: number;
}

/**
 * Synapse's background tasks (synapse/rest/admin/scheduled_tasks.py): room deletes, purges, profile updates and
 * others. One unpaged list; Synapse forgets finished tasks after 7 days.
 */
export class ScheduledTasksApi {
  constructor(private readonly api: AdminApi) {}

  /** Matching tasks, oldest first. */
  async list(filter: ScheduledTaskFilter = {}): Promise<ScheduledTask[]> {
    const answer = await this.api.get(scheduledTasksSchema, '/_synapse/admin/v1/scheduled_tasks', undefined, {
      action_name: filter.actionNames,
      resource_id: filter.resourceId,
      status: filter.statuses,
      max_timestamp: filter.maxTimestampMs,
    });
    return answer.scheduled_tasks.sort((a, b) => (a.timestamp_ms ?? 0) - (b.timestamp_ms ?? 0));
  }
}
