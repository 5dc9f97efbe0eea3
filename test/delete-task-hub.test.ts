import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../simulator/clock.js';
import type { SynapseSimulator } from '../simulator/server.js';
import { DeleteTaskHub, type DeleteTaskEvent } from '../src/delete-task-hub.js';
import { SynapseAdminClient } from '../src/synapse/client.js';
import { SynapseTransport, type UpstreamCall } from '../src/synapse/transport.js';
import type { Fixture } from './support/fixture.js';
import { startSimulator } from './support/simulator-driver.js';

const interval = 100;

describe('delete-task polling hub (simulator, manual clock)', () => {
  let sim: SynapseSimulator;
  let clock: ManualClock;
  let fixture: Fixture;
  let transport: SynapseTransport;
  let calls: UpstreamCall[];
  let hub: DeleteTaskHub;
  let admin: SynapseAdminClient;

  beforeAll(async () => {
    let url: string;
    ({ sim, clock, fixture, url } = await startSimulator({ deleteTimings: { launchDelayMs: 5, kickMsPerUser: 50, purgeMs: 300, relaunchDelayMs: 100 } }));
    calls = [];
    transport = new SynapseTransport({ baseUrl: url, timeoutMs: 2000, maxConcurrency: 8, delay: async () => {}, onUpstreamCall: (call) => calls.push(call) });
    admin = new SynapseAdminClient(transport, fixture.admin.token);
  });
  afterAll(async () => {
    await transport.close();
    await sim.close();
  });
  beforeEach(() => {
    hub = new DeleteTaskHub({ intervalMs: interval, maxIntervalMs: 800, timers: clock });
    calls.length = 0;
  });
  afterEach(() => {
    // Whatever a test held up, let every task finish before the next one.
    sim.clearFaults();
    sim.deletes.timings.purgeMs = 300;
    clock.advance(600_000);
  });

  function newRoom(members = 2): string {
    const room = sim.hs.createRoom({ creator: fixture.alice.userId, name: 'to delete' });
    if (members > 1) sim.hs.setMembership(room, fixture.bob.userId, fixture.bob.userId, 'join');
    return room.roomId;
  }

  function startDelete(roomId: string, overrides: Partial<Parameters<SynapseSimulator['deletes']['start']>[1]> = {}): string {
    return sim.deletes.start(roomId, { block: false, purge: true, forcePurge: false, newRoomUserId: null, roomName: 'x', message: 'y', requester: fixture.admin.userId, ...overrides }).id;
  }

  /** Collects a stream's events while moving the clock one poll interval at a time. */
  async function drive(streams: AsyncIterableIterator<DeleteTaskEvent>[], untilMs = 20_000) {
    const events = streams.map(() => [] as DeleteTaskEvent[]);
    const done = streams.map(() => false);
    streams.forEach((stream, i) => {
      void (async () => {
        for await (const event of stream) events[i]!.push(event);
        done[i] = true;
      })();
    });
    for (let elapsed = 0; elapsed <= untilMs && !done.every(Boolean); elapsed += interval / 4) {
      await hub.settled();
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(interval / 4);
    }
    await hub.settled();
    await new Promise((resolve) => setImmediate(resolve));
    return { events, done };
  }

  const deleteStatusCalls = () => calls.filter((c) => c.path.includes('/delete_status/')).length;

  it('streams the current state, then each change once, and ends after the terminal status', async () => {
    const deleteId = startDelete(newRoom());
    const { events, done } = await drive([hub.watch([deleteId], admin)]);
    expect(done).toEqual([true]);
    const seen = events[0]!.map((e) => e.task!);
    expect(seen[0]!.status).toBe('scheduled');
    expect(seen.at(-1)).toMatchObject({ status: 'complete', shutdownRoom: { kicked_users: [fixture.alice.userId, fixture.bob.userId] } });
    // Every event differs from the one before it: status, or the shutdown result filling in.
    const keys = seen.map((task) => `${task.status} ${JSON.stringify(task.shutdownRoom)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(seen.map((t) => t.status)).toEqual(expect.arrayContaining(['scheduled', 'active', 'complete']));
    expect(seen.some((t) => t.status === 'active' && t.shutdownRoom?.kicked_users.length === 1)).toBe(true);
    expect(hub.watched).toEqual([]);
  });

  it('costs the same upstream polls for 1 subscriber and for 10,000', async () => {
    const polls: number[] = [];
    for (const subscribers of [1, 10_000]) {
      calls.length = 0;
      const deleteId = startDelete(newRoom());
      const streams = Array.from({ length: subscribers }, () => hub.watch([deleteId], admin));
      const { events, done } = await drive(streams);
      expect(done.every(Boolean)).toBe(true);
      const first = events[0]!.map((e) => e.task!.status);
      for (const stream of events) expect(stream.map((e) => e.task!.status)).toEqual(first);
      // Each change is one event object for everyone (shared subscription execution is keyed by it).
      for (const stream of events) stream.slice(1).forEach((event, i) => expect(event).toBe(events[0]![i + 1]));
      polls.push(deleteStatusCalls());
    }
    expect(polls[1]).toBe(polls[0]);
    expect(polls[0]).toBeGreaterThan(2);
  });

  it('stops polling as soon as the last subscriber leaves', async () => {
    const deleteId = startDelete(newRoom(), { purge: true });
    // Hold the task in `active` for long: a slow purge.
    sim.deletes.timings.purgeMs = 60_000;
    const a = hub.watch([deleteId], admin);
    const b = hub.watch([deleteId], admin);
    await a.next();
    await b.next();
    for (let i = 0; i < 8; i++) {
      clock.advance(interval);
      await hub.settled();
    }
    expect(hub.watched).toEqual([deleteId]);
    await a.return?.();
    clock.advance(interval);
    await hub.settled();
    expect(hub.watched).toEqual([deleteId]);
    await b.return?.();
    expect(hub.watched).toEqual([]);
    const before = deleteStatusCalls();
    for (let i = 0; i < 20; i++) {
      clock.advance(interval);
      await hub.settled();
    }
    expect(deleteStatusCalls()).toBe(before);
  });

  it('backs off while a task waits for one of the 5 task slots', async () => {
    sim.deletes.timings.purgeMs = 60_000;
    for (let i = 0; i < 5; i++) startDelete(newRoom(1));
    clock.advance(10);
    expect(sim.deletes.running).toBe(5);
    const waitingId = startDelete(newRoom(1));
    const pollTimes: number[] = [];
    const watcher = new SynapseAdminClient(transport, fixture.admin.token);
    const original = watcher.deleteTasks.status.bind(watcher.deleteTasks);
    watcher.deleteTasks.status = (id: string) => {
      pollTimes.push(clock.now());
      return original(id);
    };
    const stream = hub.watch([waitingId], watcher);
    const statuses: string[] = [];
    void (async () => {
      for await (const event of stream) statuses.push(event.task!.status);
    })();
    for (let t = 0; t < 4_000; t += 10) {
      await hub.settled();
      clock.advance(10);
    }
    await stream.return?.();
    expect(statuses).toEqual(['scheduled']);
    // 100, 200, 400, 800 apart, then no more than the 800 ms ceiling.
    const gaps = pollTimes.slice(1).map((t, i) => t - pollTimes[i]!);
    expect(gaps.slice(0, 4)).toEqual([100, 200, 400, 800]);
    expect(gaps.length).toBeGreaterThan(5);
    expect(gaps.slice(4).every((gap) => gap === 800)).toBe(true);
  });

  it('rides out transient upstream errors without ending the stream', async () => {
    const deleteId = startDelete(newRoom());
    // Every attempt of two polls in a row fails (3 attempts each), then Synapse recovers.
    sim.inject({ path: /delete_status\//, times: 6, respond: { status: 503, body: { errcode: 'M_UNKNOWN' } } });
    const { events, done } = await drive([hub.watch([deleteId], admin)]);
    expect(done).toEqual([true]);
    expect(events[0]!.every((e) => e.task)).toBe(true);
    expect(events[0]!.at(-1)!.task!.status).toBe('complete');
    expect(sim.count('fault')).toBeGreaterThanOrEqual(6);
  });

  it('gives one NOT_FOUND for an unknown task, then ends; a failed task carries its reason', async () => {
    const { events, done } = await drive([hub.watch(['no-such-task', startDelete(newRoom(), { newRoomUserId: fixture.admin.userId, roomName: 5 })], admin)]);
    expect(done).toEqual([true]);
    const errors = events[0]!.filter((e) => e.error);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.error).toMatchObject({ code: 'NOT_FOUND' });
    const failed = events[0]!.filter((e) => e.task?.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.task!.error).toBe("400: 'name' not a string type");
  });

  it('serves each subscriber with its own token, and ends only the streams of a token Synapse refuses', async () => {
    sim.deletes.timings.purgeMs = 2_000;
    const deleteId = startDelete(newRoom());
    const alice = new SynapseAdminClient(transport, fixture.alice.token);
    const { events, done } = await drive([hub.watch([deleteId], admin), hub.watch([deleteId], alice), hub.watch([deleteId], admin)]);
    expect(done).toEqual([true, true, true]);
    // Alice's token may not read delete tasks: she gets the refusal and nothing the admin's polls read.
    expect(events[1]).toHaveLength(1);
    expect(events[1]![0]!.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(events[0]!.at(-1)!.task!.status).toBe('complete');
    expect(events[2]!.map((e) => e.task!.status)).toEqual(events[0]!.map((e) => e.task!.status));
  });

  it('keeps serving a token whose trust ran out during a long delete: it reads again with its own token', async () => {
    const shortTrust = new DeleteTaskHub({ intervalMs: interval, maxIntervalMs: 800, timers: clock, trustTtlMs: 300 });
    hub = shortTrust;
    sim.deletes.timings.kickMsPerUser = 400;
    try {
      const other = sim.hs.createUser(`admin-${Math.random().toString(36).slice(2, 8)}`, { admin: true });
      const second = new SynapseAdminClient(transport, sim.hs.tokenOf(other.userId));
      const deleteId = startDelete(newRoom(4));
      const { events, done } = await drive([shortTrust.watch([deleteId], admin), shortTrust.watch([deleteId], second)]);
      expect(done).toEqual([true, true]);
      expect(events[1]!.at(-1)!.task!.status).toBe('complete');
      expect(events[1]!.map((e) => e.task!.status)).toEqual(events[0]!.map((e) => e.task!.status));
    } finally {
      sim.deletes.timings.kickMsPerUser = 50;
    }
  });

  it('ends, rather than retries, a stream on an ID Synapse could never take', async () => {
    const { events, done } = await drive([hub.watch(['\ud800broken'], admin)]);
    expect(done).toEqual([true]);
    expect(events[0]).toHaveLength(1);
    expect(events[0]![0]!.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(hub.watched).toEqual([]);
    expect(deleteStatusCalls()).toBe(0);
  });
});
