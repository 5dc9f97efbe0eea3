import type { DeleteTimings } from '../delete-tasks.js';
import { route, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

/** Not Synapse: the simulator's own control API, for benchmarks in another process (counters, timelines, knobs). */
export function controlRoutes(sim: SynapseSimulator): Route[] {
  return [
    route('simulator/stats', 'GET', '^/_simulator/stats', 'none', () => [200, { calls: Object.fromEntries(sim.calls), maxInFlight: sim.maxInFlight, rooms: sim.hs.rooms.size }]),
    route('simulator/reset', 'POST', '^/_simulator/reset', 'none', () => {
      sim.resetCounters();
      return [200, {}];
    }),
    route('simulator/config', 'POST', '^/_simulator/config', 'none', ({ body }) => {
      const config = (body ?? {}) as { latencyMs?: number; deleteTimings?: Partial<DeleteTimings>; maxConcurrentTasks?: number };
      if (config.latencyMs !== undefined) sim.latencyMs = config.latencyMs;
      if (config.deleteTimings) Object.assign(sim.deletes.timings, config.deleteTimings);
      if (config.maxConcurrentTasks !== undefined) sim.deletes.maxConcurrent = config.maxConcurrentTasks;
      return [200, {}];
    }),
    route('simulator/launch', 'POST', '^/_simulator/launch', 'none', () => {
      sim.deletes.launchWaiting();
      return [200, {}];
    }),
    route('simulator/tasks', 'GET', '^/_simulator/tasks', 'none', () => [
      200,
      { tasks: [...sim.deletes.tasks.values()].sort((a, b) => a.timestampMs - b.timestampMs).map((t) => ({ id: t.id, roomId: t.resourceId, status: t.status, history: t.history })) },
    ]),
  ];
}
