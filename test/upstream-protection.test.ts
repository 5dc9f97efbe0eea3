import { createClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SynapseSimulator } from '../simulator/server.js';
import { defaultLimits } from '../src/limits.js';
import type { Fixture } from './support/fixture.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';

const detailsPath = /^\/_synapse\/admin\/v1\/rooms\/[^/]+$/;
const topics = (roomIds: string[]) => `{ ${roomIds.map((id, i) => `r${i}: room(roomId: "${id}") { topic }`).join(' ')} }`;

describe('one caller cannot starve the others; nothing waits forever (simulator)', () => {
  let sim: SynapseSimulator;
  let url: string;
  let fixture: Fixture;
  const gateways: TestGateway[] = [];
  const gateway = async (...args: Parameters<typeof createTestGateway> extends [string, string | undefined, ...infer Rest] ? Rest : never) => {
    const created = createTestGateway(url, fixture.admin.token, ...args);
    gateways.push(created);
    await created.warmAdminCheck();
    created.calls.length = 0;
    return created;
  };

  beforeAll(async () => {
    ({ sim, url, fixture } = await startSimulator());
  });
  afterEach(() => {
    sim.clearFaults();
    sim.resetCounters();
  });
  afterAll(async () => {
    for (const created of gateways) await created.close();
    await sim.close();
  });

  it("keeps each token to its share of the upstream slots: an admin's viewer answers while another token's calls hang", async () => {
    const shared = await gateway({ maxConcurrency: 4, maxShare: 0.5 });
    const other = sim.hs.createUser('admin2', { admin: true });
    await shared.warmAdminCheck(sim.hs.tokenOf(other.userId));
    sim.inject({ path: detailsPath, times: 100, respond: 'hang' });
    const abandon = new AbortController();
    const heavy = shared.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` },
      body: JSON.stringify({ query: topics(fixture.bulkRoomIds.slice(0, 20)) }),
      signal: abandon.signal,
    });
    // The heavy token holds its 2 slots of 4, the rest of its 20 calls queue behind them.
    await expect.poll(() => sim.inFlight).toBe(2);
    expect(shared.transport.scheduler.queued).toBe(18);
    const viewer = await shared.executeRaw('{ viewer { userId } }', undefined, sim.hs.tokenOf(other.userId));
    expect(viewer).toEqual({ data: { viewer: { userId: other.userId } } });
    expect(sim.inFlight).toBe(2);
    // The heavy client gives up: its queued calls are dropped and its hanging ones abandoned.
    abandon.abort();
    await Promise.resolve(heavy).catch(() => undefined);
    await expect.poll(() => sim.inFlight).toBe(0);
    expect(shared.transport.scheduler.queued).toBe(0);
    expect(shared.transport.scheduler.inFlight).toBe(0);
  });

  it('ends an operation at OPERATION_TIMEOUT_MS, counting the time its calls waited for a connection', async () => {
    const single = await gateway({ maxConcurrency: 1, maxShare: 1, timeoutMs: 60_000 }, {}, { limits: { ...defaultLimits, operationTimeoutMs: 300 } });
    sim.inject({ path: detailsPath, times: 2, respond: 'hang' });
    const result = await single.executeRaw(topics(fixture.bulkRoomIds.slice(0, 2)));
    expect(result.errors).toHaveLength(2);
    for (const error of result.errors!) {
      expect(error.extensions).toEqual({ code: 'OPERATION_TIMEOUT' });
      expect(error.message).toMatch(/ran out of time after 300 ms \(OPERATION_TIMEOUT_MS\), counting time queued/);
    }
    // One call was on the wire (hanging), the other never left the queue.
    expect(single.calls).toHaveLength(1);
  });

  it('bounds each call by SYNAPSE_TIMEOUT_MS, headers and whole body: a body trickled a byte at a time ends', async () => {
    const strict = await gateway({ timeoutMs: 300 });
    sim.inject({ path: detailsPath, respond: { trickleEveryMs: 20 } });
    const result = await strict.executeRaw(topics([fixture.rooms.general]));
    expect(result.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(result.errors![0]!.message).toMatch(/did not answer GET \/_synapse\/admin\/v1\/rooms\/\S+ within 300 ms/);
    expect(strict.calls).toHaveLength(1);
  });

  it('reads upstream bodies up to UPSTREAM_MAX_BODY_BYTES only', async () => {
    const capped = await gateway({ maxBodyBytes: 1024 * 1024 });
    for (const declared of [false, true]) {
      sim.resetCounters();
      sim.inject({ path: detailsPath, respond: { bodyBytes: 300 * 1024 * 1024, declared } });
      const result = await capped.executeRaw(topics([fixture.rooms.general]));
      expect(result.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_ERROR', synapse: { status: 200, errcode: null } });
      expect(result.errors![0]!.message).toMatch(/a body over 1048576 bytes \(UPSTREAM_MAX_BODY_BYTES\); not read/);
      // What the simulator managed to write before the gateway hung up: socket buffers, not 300 MiB.
      expect(sim.faultBytesSent).toBeLessThan(32 * 1024 * 1024);
    }
  });

  it('clamps Retry-After before honouring or showing it', async () => {
    const waits: number[] = [];
    const limited = await gateway({ delay: async (ms) => void waits.push(ms) });
    sim.inject({ path: detailsPath, respond: { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1e12 } } });
    const absurd = await limited.executeRaw(topics([fixture.rooms.general]));
    expect(absurd.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterMs: 3_600_000, synapse: { status: 429, errcode: 'M_LIMIT_EXCEEDED' } });
    expect(waits).toEqual([]);
    sim.inject({ path: detailsPath, times: 3, respond: { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: -5000 } } });
    const negative = await limited.executeRaw(topics([fixture.rooms.general]));
    // Ignored: the gateway's own growing backoff applies, and the client is told nothing it could misuse.
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(negative.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED', synapse: { status: 429, errcode: 'M_LIMIT_EXCEEDED' } });
  });

  it('cancels the upstream calls of a WebSocket client that goes away', async () => {
    const socketGateway = await gateway();
    const server = await listenTestGateway(socketGateway);
    sim.inject({ path: detailsPath, times: 5, respond: 'hang' });
    const client = createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${fixture.admin.token}` } });
    client.subscribe({ query: topics(fixture.bulkRoomIds.slice(0, 5)) }, { next: () => {}, error: () => {}, complete: () => {} });
    await expect.poll(() => sim.inFlight).toBe(5);
    await client.dispose();
    await expect.poll(() => sim.inFlight).toBe(0);
    expect(socketGateway.transport.scheduler.inFlight).toBe(0);
    await server.close();
  });

  it('cancels the upstream calls of an HTTP client that hangs up before its answer', async () => {
    const httpGateway = await gateway();
    const server = await listenTestGateway(httpGateway);
    sim.inject({ path: detailsPath, times: 5, respond: 'hang' });
    const abandon = new AbortController();
    const answer = fetch(server.http, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` },
      body: JSON.stringify({ query: topics(fixture.bulkRoomIds.slice(0, 5)) }),
      signal: abandon.signal,
    }).catch(() => undefined);
    await expect.poll(() => sim.inFlight).toBe(5);
    abandon.abort();
    await answer;
    await expect.poll(() => sim.inFlight).toBe(0);
    expect(httpGateway.transport.scheduler.inFlight).toBe(0);
    await server.close();
  });

  it('cancels the reads of an SSE subscriber that disconnects', async () => {
    const sseGateway = await gateway();
    const server = await listenTestGateway(sseGateway);
    const task = sim.deletes.start(fixture.bulkRoomIds[30]!, { block: false, purge: true, forcePurge: false, newRoomUserId: null, roomName: '', message: '', requester: fixture.admin.userId });
    sim.inject({ path: /delete_status/, times: 5, respond: 'hang' });
    const abandon = new AbortController();
    const response = await fetch(server.http, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` },
      body: JSON.stringify({ query: `subscription { deleteTask(deleteId: "${task.id}") { status } }` }),
      signal: abandon.signal,
    });
    expect(response.status).toBe(200);
    await expect.poll(() => sim.inFlight).toBe(1);
    abandon.abort();
    await expect.poll(() => sim.inFlight).toBe(0);
    await expect.poll(() => sseGateway.yoga.runtime.services.deleteTaskHub.watched).toEqual([]);
    await server.close();
  });

  it('abandons the calls still under way once the response is out (a non-null field failed first)', async () => {
    const early = await gateway();
    const membersPath = /^\/_synapse\/admin\/v1\/rooms\/[^/]+\/members$/;
    sim.inject({ path: membersPath, respond: { status: 404, body: { errcode: 'M_NOT_FOUND', error: 'Room not found' } } });
    sim.inject({ path: membersPath, times: 4, respond: 'hang' });
    // The 404 nulls the non-null path up to `rooms`: the response is out while the 4 other calls still hang.
    const result = await early.executeRaw('{ rooms(first: 5) { edges { node { members { userId } } } } }');
    expect(result).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND', synapse: { status: 404, errcode: 'M_NOT_FOUND' } } })] });
    await expect.poll(() => sim.inFlight).toBe(0);
    expect(early.transport.scheduler.inFlight).toBe(0);
  });

  it("puts tokens not known to be an admin's in one small share: a crowd of made-up tokens cannot starve an admin", async () => {
    const crowded = await gateway({ maxConcurrency: 4, maxShare: 0.75 });
    // Every made-up token's whoami hangs: together they hold one slot of four, the rest of them queue.
    sim.inject({ path: /whoami$/, times: 20, respond: 'hang' });
    const abandon = new AbortController();
    const crowd = Array.from({ length: 20 }, (_, i) =>
      Promise.resolve(
        crowded.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer syt_made_up_${i}` },
          body: JSON.stringify({ query: '{ viewer { userId } }' }),
          signal: abandon.signal,
        }),
      ).catch(() => undefined),
    );
    await expect.poll(() => sim.inFlight).toBe(1);
    expect(crowded.transport.scheduler.queued).toBe(19);
    // The admin (checked before) still gets a slot at once.
    const admin = await crowded.executeRaw(`{ a: room(roomId: "${fixture.rooms.general}") { name } }`);
    expect(admin).toEqual({ data: { a: { name: 'General' } } });
    abandon.abort();
    await Promise.all(crowd);
    await expect.poll(() => sim.inFlight).toBe(0);
  });
});
