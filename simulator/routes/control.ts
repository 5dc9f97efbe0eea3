import type { DeleteTimings } from '../delete-tasks.js';
import type { SeedOptions } from '../homeserver.js';
import { jsonObject, route, unknown400, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

export interface SimulatorConfig {
  latencyMs?: number;
  deleteTimings?: Partial<DeleteTimings>;
  maxConcurrentTasks?: number;
  /** Clock time the deactivation parter takes per room (default 70). */
  partIntervalMs?: number;
  /** roomId → the reason its next delete fails at the purge step (`failDeletesTimes` for more); null: no longer fails. */
  failDeletes?: Record<string, string | null>;
  /** roomId → how many of its next deletes fail: a count, 'always' (or -1), 0 or null for none. */
  failDeletesTimes?: Record<string, number | 'always' | null>;
}

/** Not Synapse: the simulator's own control API, for benchmarks and tests in another process (counters, knobs, seeding). */
export function controlRoutes(sim: SynapseSimulator): Route[] {
  return [
    route('simulator/stats', 'GET', '^/_simulator/stats', 'none', () => [
      200,
      {
        calls: Object.fromEntries(sim.calls),
        maxInFlight: sim.maxInFlight,
        rooms: sim.hs.rooms.size,
        users: sim.hs.users.size,
        deletesByRoom: Object.fromEntries(sim.deletesByRoom),
        deactivationsByUser: Object.fromEntries(sim.deactivationsByUser),
        partsPending: sim.hs.partsPending,
        failingDeletes: Object.fromEntries(
          [...sim.deletes.failures].map(([roomId, reason]) => {
            const times = sim.deletes.failureTimes.get(roomId) ?? 1;
            return [roomId, { reason, times: times === Infinity ? 'always' : times }];
          }),
        ),
      },
    ]),
    route('simulator/reset', 'POST', '^/_simulator/reset', 'none', () => {
      sim.resetCounters();
      return [200, {}];
    }),
    route('simulator/config', 'POST', '^/_simulator/config', 'none', ({ body }) => {
      const config = (body ?? {}) as SimulatorConfig;
      const failures = deleteFailures(config);
      if (config.partIntervalMs !== undefined && !(typeof config.partIntervalMs === 'number' && config.partIntervalMs >= 0)) throw unknown400('partIntervalMs: a number ≥ 0');
      if (config.latencyMs !== undefined) sim.latencyMs = config.latencyMs;
      if (config.deleteTimings) Object.assign(sim.deletes.timings, config.deleteTimings);
      if (config.maxConcurrentTasks !== undefined) sim.deletes.maxConcurrent = config.maxConcurrentTasks;
      if (config.partIntervalMs !== undefined) sim.hs.partIntervalMs = config.partIntervalMs;
      for (const { roomId, reason, times } of failures) {
        sim.deletes.failNext(roomId, reason ?? sim.deletes.failures.get(roomId), times);
      }
      return [200, {}];
    }),
    route('simulator/seed', 'POST', '^/_simulator/seed', 'none', ({ body }) => {
      const object = jsonObject(body, { allowEmpty: true });
      const count = (name: string) => {
        const value = object[name];
        if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) throw unknown400(`${name}: an integer ≥ 0`);
        return value as number | undefined;
      };
      const text = (name: string) => {
        const value = object[name];
        if (value !== undefined && typeof value !== 'string') throw unknown400(`${name}: a string`);
        return value as string | undefined;
      };
      const options: SeedOptions = { emptyRooms: count('emptyRooms'), users: count('users'), roomsPerUser: count('roomsPerUser'), prefix: text('prefix'), creator: text('creator') };
      try {
        return [200, sim.hs.seed(options)];
      } catch (error) {
        throw unknown400((error as Error).message);
      }
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

/** The failure knobs of a config, checked before any is applied: times Infinity means every delete, 0 none. */
function deleteFailures(config: SimulatorConfig): { roomId: string; reason: string | undefined; times: number }[] {
  const reasons = config.failDeletes ?? {};
  const counts = config.failDeletesTimes ?? {};
  if (typeof reasons !== 'object' || typeof counts !== 'object') throw unknown400('failDeletes and failDeletesTimes: objects keyed by room ID');
  const roomIds = new Set([...Object.keys(reasons), ...Object.keys(counts)]);
  return [...roomIds].map((roomId) => {
    const reason = reasons[roomId];
    const raw = counts[roomId];
    if (reason !== undefined && reason !== null && typeof reason !== 'string') throw unknown400(`failDeletes[${roomId}]: a reason or null`);
    if (raw !== undefined && raw !== null && raw !== 'always' && !(typeof raw === 'number' && Number.isInteger(raw))) throw unknown400(`failDeletesTimes[${roomId}]: a count, 'always' or null`);
    if (reason === null || raw === null) return { roomId, reason: undefined, times: 0 };
    const times = raw === undefined ? 1 : raw === 'always' || raw < 0 ? Infinity : raw;
    return { roomId, reason, times };
  });
}
