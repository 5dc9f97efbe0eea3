import { adminPrefix as admin, parseStrings, route, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

const statuses = ['scheduled', 'active', 'complete', 'failed', 'cancelled'] as const;

/** The scheduled-tasks API (scheduled_tasks.py): room deletes and the other background tasks, oldest first, unpaged. */
export function scheduledTaskRoutes(sim: SynapseSimulator): Route[] {
  return [
    route('scheduled_tasks', 'GET', `${admin}/v1/scheduled_tasks`, 'admin', ({ query }) => {
      const actions = parseStrings(query, 'action_name');
      const resource = query.get('resource_id');
      // `job_status` is the old name, read only without `status`.
      const wanted = parseStrings(query, 'status', statuses) ?? parseStrings(query, 'job_status', statuses);
      const rawMax = query.get('max_timestamp');
      const maxTs = rawMax === null ? null : Number(rawMax);
      const tasks = [
        ...[...sim.deletes.tasks.values()].map((t) => ({ ...t, result: t.result as unknown })),
        ...sim.hs.backgroundTasks.map((t) => ({ ...t, status: 'complete' as const, result: null as unknown, error: null })),
      ];
      const found = tasks
        .filter(
          (t) =>
            (!actions || actions.includes(t.action)) &&
            (resource === null || t.resourceId === resource) &&
            (!wanted || wanted.includes(t.status)) &&
            (maxTs === null || t.timestampMs <= maxTs),
        )
        .sort((a, b) => a.timestampMs - b.timestampMs);
      return [
        200,
        {
          scheduled_tasks: found.map((t) => ({
            id: t.id,
            action: t.action,
            status: t.status,
            timestamp_ms: t.timestampMs,
            resource_id: t.resourceId,
            result: t.result,
            error: t.error,
          })),
        },
      ];
    }),
  ];
}
