import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SynapseSimulator } from '../simulator/server.js';
import { SynapseTransport } from '../src/synapse/transport.js';
import { buildYoga } from '../src/yoga.js';
import { graphql } from './gql/index.js';
import type { Fixture } from './support/fixture.js';
import { countCalls, createTestGateway, type TestGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';

const RoomName = graphql(`
  query RoomName($roomId: ID!) { room(roomId: $roomId) { name } }
`);

const TaskStatus = graphql(`
  query TaskStatus($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId roomId status rawStatus isTerminal shutdownRoom { kickedUsers } } }
`);

const ListAll = graphql(`
  query ListAll { rooms(first: 5) { totalCount edges { node { roomId joinRules name } } } }
`);

describe('upstream failures and retries (simulator)', () => {
  let sim: SynapseSimulator;
  let url: string;
  let fixture: Fixture;
  let gateway: TestGateway;
  const waits: number[] = [];

  beforeAll(async () => {
    ({ sim, url, fixture } = await startSimulator());
    gateway = createTestGateway(url, fixture.admin.token, {
      timeoutMs: 200,
      delay: async (ms) => {
        waits.push(ms);
      },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await sim.close();
  });
  afterEach(() => {
    sim.clearFaults();
    waits.length = 0;
    gateway.calls.length = 0;
  });

  const detailsPath = /^\/_synapse\/admin\/v1\/rooms\/[^/]+$/;
  const roomName = () => gateway.execute(RoomName, { roomId: fixture.rooms.general });

  it('retries a 429 after the wait Synapse asks for, then succeeds', async () => {
    sim.inject({ path: detailsPath, respond: { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 1500 }, headers: { 'retry-after': '2' } } });
    const result = await roomName();
    expect(result).toEqual({ data: { room: { name: 'General' } } });
    expect(waits).toEqual([1500]);
    expect(gateway.calls).toHaveLength(2);
  });

  it('honours Retry-After when the body has no retry_after_ms', async () => {
    sim.inject({ path: detailsPath, respond: { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED' }, headers: { 'retry-after': '3' } } });
    expect((await roomName()).data!.room!.name).toBe('General');
    expect(waits).toEqual([3000]);
  });

  it('hands a long rate limit to the client as RATE_LIMITED with retryAfterMs instead of waiting', async () => {
    sim.inject({ path: detailsPath, respond: { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 60_000 } } });
    const result = await roomName();
    expect(result.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterMs: 60_000, synapse: { status: 429, errcode: 'M_LIMIT_EXCEEDED' } });
    expect(waits).toEqual([]);
    expect(gateway.calls).toHaveLength(1);
  });

  it('gives up on a persistent 429 after the bounded retries', async () => {
    sim.inject({ path: detailsPath, times: 10, respond: { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 100 } } });
    const result = await roomName();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 100 });
    expect(gateway.calls).toHaveLength(3);
    expect(waits).toEqual([100, 100]);
  });

  it('retries 502, 503 and 504 with growing, bounded backoff', async () => {
    for (const status of [502, 503, 504]) {
      sim.inject({ path: detailsPath, times: 2, respond: { status, rawBody: '<html>bad gateway</html>' } });
      expect((await roomName()).data!.room!.name).toBe('General');
    }
    expect(gateway.calls).toHaveLength(9);
    expect(waits).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) {
      expect(waits[i]).toBeGreaterThanOrEqual(50);
      expect(waits[i]).toBeLessThanOrEqual(100);
      expect(waits[i + 1]).toBeGreaterThanOrEqual(100);
      expect(waits[i + 1]).toBeLessThanOrEqual(200);
    }
  });

  it('reports a persistent 503 as UPSTREAM_ERROR with Synapse status', async () => {
    sim.inject({ path: detailsPath, times: 5, respond: { status: 503, body: { errcode: 'M_UNKNOWN', error: 'Service unavailable' } } });
    const result = await roomName();
    expect(result.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_ERROR', synapse: { status: 503, errcode: 'M_UNKNOWN' } });
    expect(result.errors![0]!.message).toContain('503');
    expect(gateway.calls).toHaveLength(3);
  });

  it('does not retry a 500', async () => {
    sim.inject({ path: detailsPath, respond: { status: 500, body: { errcode: 'M_UNKNOWN', error: 'Internal server error' } } });
    const result = await roomName();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', synapse: { status: 500 } });
    expect(result.errors![0]!.path).toEqual(['room']);
    expect(gateway.calls).toHaveLength(1);
  });

  it('retries a reset connection, and reports a persistent one as UPSTREAM_UNAVAILABLE', async () => {
    sim.inject({ path: detailsPath, respond: 'reset' });
    expect((await roomName()).data!.room!.name).toBe('General');
    expect(gateway.calls).toHaveLength(2);
    gateway.calls.length = 0;
    sim.inject({ path: detailsPath, times: 5, respond: 'reset' });
    const result = await roomName();
    expect(result.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(result.errors![0]!.message).toMatch(/connection reset/);
    expect(gateway.calls).toHaveLength(3);
  });

  it('reports a Synapse that does not answer in time as UPSTREAM_UNAVAILABLE, without retrying', async () => {
    sim.inject({ path: detailsPath, respond: 'hang' });
    const result = await roomName();
    expect(result.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(result.errors![0]!.message).toMatch(/did not answer GET \/_synapse\/admin\/v1\/rooms\/.* within 200 ms/);
    expect(gateway.calls).toHaveLength(1);
  });

  it('reports a refused connection as UPSTREAM_UNAVAILABLE', async () => {
    const closed = await startSimulator();
    const deadUrl = closed.url;
    await closed.sim.close();
    const dead = createTestGateway(deadUrl, fixture.admin.token, { delay: async () => {} });
    const result = await dead.execute(RoomName, { roomId: fixture.rooms.general });
    expect(result.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(result.errors![0]!.message).toMatch(/Could not reach Synapse at http:\/\/127\.0\.0\.1:\d+ .*connection refused/);
    await dead.close();
  });

  it('reports a malformed or mis-shaped body as UPSTREAM_ERROR', async () => {
    sim.inject({ path: detailsPath, respond: { status: 200, rawBody: 'this is not json' } });
    const notJson = await roomName();
    expect(notJson.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_ERROR', synapse: { status: 200, errcode: null } });
    expect(notJson.errors![0]!.message).toMatch(/not JSON/);
    sim.inject({ path: /^\/_synapse\/admin\/v1\/rooms$/, respond: { status: 200, body: { total_rooms: 'many' } } });
    const misShaped = await gateway.execute(ListAll, {});
    expect(misShaped.errors![0]!.extensions!.code).toBe('UPSTREAM_ERROR');
    expect(misShaped.errors![0]!.message).toMatch(/unexpected body \(rooms:/);
  });

  it('reports a room that vanished between the list and its details as NOT_FOUND', async () => {
    sim.inject({ path: new RegExp(`/rooms/${encodeURIComponent(fixture.rooms.general).replace(/[!%]/g, (c) => `\\${c}`)}$`), respond: { status: 404, body: { errcode: 'M_NOT_FOUND', error: 'Room not found' } } });
    const result = await gateway.executeRaw('{ rooms(search: "General") { edges { node { name topic } } } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      path: ['rooms', 'edges', 0, 'node', 'topic'],
      extensions: { code: 'NOT_FOUND' },
    });
    expect(result.errors![0]!.message).toContain(fixture.rooms.general);
  });

  it('maps Synapse 400s to BAD_USER_INPUT and a locked account to UNAUTHENTICATED', async () => {
    sim.inject({ path: /^\/_synapse\/admin\/v1\/rooms$/, respond: { status: 400, body: { errcode: 'M_INVALID_PARAM', error: 'Query parameter "from" must be an integer' } } });
    const invalid = await gateway.execute(ListAll, {});
    expect(invalid.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', synapse: { status: 400, errcode: 'M_INVALID_PARAM' } });
    expect(invalid.errors![0]!.message).toContain('must be an integer');
    const locked = sim.hs.createUser('locked', { admin: true, locked: true });
    const result = await gateway.execute(RoomName, { roomId: fixture.rooms.general }, sim.hs.tokenOf(locked.userId));
    expect(result.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', synapse: { status: 401, errcode: 'M_USER_LOCKED' } });
  });

  it('never fails a query over unknown upstream values: new statuses, new join rules, extra fields', async () => {
    sim.inject({
      path: /^\/_synapse\/admin\/v1\/rooms$/,
      respond: {
        status: 200,
        body: {
          rooms: [{ room_id: '!x:sim.test', name: 'Future', join_rules: 'knock_restricted_v2', federatable: true, public: false, brand_new_field: { a: 1 } }],
          offset: 0,
          total_rooms: 1,
          something_else: true,
        },
      },
    });
    const rooms = await gateway.execute(ListAll, {});
    expect(rooms).toEqual({ data: { rooms: { totalCount: 1, edges: [{ node: { roomId: '!x:sim.test', joinRules: 'knock_restricted_v2', name: 'Future' } }] } } });
    sim.inject({
      path: /delete_status\/abc$/,
      respond: { status: 200, body: { delete_id: 'abc', room_id: '!x:sim.test', status: 'paused_for_maintenance', shutdown_room: null, extra: 1 } },
    });
    const task = await gateway.execute(TaskStatus, { deleteId: 'abc' });
    expect(task).toEqual({
      data: { deleteTask: { deleteId: 'abc', roomId: '!x:sim.test', status: 'UNKNOWN', rawStatus: 'paused_for_maintenance', isTerminal: false, shutdownRoom: null } },
    });
  });

  it('shows remote members with their server, never looking them up as local users', async () => {
    const room = sim.hs.rooms.get(fixture.rooms.secret)!;
    sim.hs.setState(room, '@carol:remote.example', 'm.room.member', '@carol:remote.example', { membership: 'join', displayname: 'Carol (remote)' });
    const result = await gateway.executeRaw(
      `query($id: ID!) { room(roomId: $id) { servers members { userId server isLocal displayName user { userId } } } }`,
      { id: fixture.rooms.secret },
    );
    const data = result.data as { room: { servers: string[]; members: { userId: string; isLocal: boolean; user: unknown }[] } };
    expect(data.room.servers).toEqual(['remote.example', 'sim.test']);
    expect(data.room.members.find((m) => m.userId === '@carol:remote.example')).toEqual({
      userId: '@carol:remote.example',
      server: 'remote.example',
      isLocal: false,
      displayName: 'Carol (remote)',
      user: null,
    });
    expect(Object.keys(countCalls(gateway.calls)).filter((k) => k.includes('remote.example'))).toEqual([]);
  });

  it('keeps at most the configured number of requests in flight to Synapse', async () => {
    const capped = createTestGateway(url, fixture.admin.token, { maxConcurrency: 3, maxShare: 1 });
    await capped.warmAdminCheck();
    capped.calls.length = 0;
    sim.latencyMs = 2;
    sim.resetCounters();
    const result = await capped.executeRaw('{ rooms(first: 60) { edges { node { topic members { userId } } } } }');
    sim.latencyMs = 0;
    expect(result.errors).toBeUndefined();
    expect(capped.calls).toHaveLength(121);
    expect(sim.maxInFlight).toBeLessThanOrEqual(3);
    expect(sim.maxInFlight).toBeGreaterThan(1);
    await capped.close();
  });

  it('never retries a request that is not an idempotent GET', async () => {
    const transport = new SynapseTransport({ baseUrl: url, timeoutMs: 1000, maxConcurrency: 2, delay: async () => {} });
    const { z } = await import('zod');
    for (const respond of [{ status: 503, body: { errcode: 'M_UNKNOWN' } }, 'reset'] as const) {
      sim.resetCounters();
      sim.clearFaults();
      sim.inject({ path: /\/block$/, times: 5, respond });
      const attempt = transport.request(z.object({ block: z.boolean() }), {
        method: 'PUT',
        path: `/_synapse/admin/v1/rooms/${encodeURIComponent(fixture.rooms.general)}/block`,
        route: '/_synapse/admin/v1/rooms/{roomId}/block',
        body: { block: true },
        token: fixture.admin.token,
      });
      await expect(attempt).rejects.toMatchObject({ code: respond === 'reset' ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR' });
      expect(sim.count('fault')).toBe(1);
    }
    expect(sim.hs.blocked.has(fixture.rooms.general)).toBe(false);
    await transport.close();
  });

  it('falls back to the by-room delete status on servers without the scheduled-tasks API', async () => {
    const old = await startSimulator({ withoutScheduledTasksApi: true });
    const oldGateway = createTestGateway(old.url, old.fixture.admin.token);
    const task = old.sim.deletes.start(old.fixture.rooms.empty, { block: false, purge: true, forcePurge: false, newRoomUserId: null, roomName: '', message: '', requester: old.fixture.admin.userId });
    old.clock.advance(10_000);
    const result = await oldGateway.executeRaw(`query($id: ID!) { room(roomId: $id) { deleteTasks { deleteId status } } }`, { id: old.fixture.rooms.general });
    expect(result).toEqual({ data: { room: { deleteTasks: [] } } });
    const viaTask = await oldGateway.execute(TaskStatus, { deleteId: task.id });
    expect(viaTask.data!.deleteTask).toMatchObject({ deleteId: task.id, status: 'COMPLETE', isTerminal: true });
    expect(countCalls(oldGateway.calls)['GET /_synapse/admin/v1/scheduled_tasks']).toBe(1);
    await oldGateway.close();
    await old.sim.close();
  });
});

describe('logging', () => {
  it('logs upstream failures without ever writing a token', async () => {
    const { sim, url, fixture } = await startSimulator();
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const transport = new SynapseTransport({ baseUrl: url, timeoutMs: 1000, maxConcurrency: 4, delay: async () => {} });
    const yoga = buildYoga({ transport, logger });
    sim.inject({ path: /\/rooms\/[^/]+$/, times: 5, respond: { status: 503, body: { errcode: 'M_UNKNOWN' } } });
    for (const token of [fixture.admin.token, 'syt_secret_token_never_logged']) {
      await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ room(roomId: "${fixture.rooms.general}") { topic } viewer { userId } }` }),
      });
    }
    const log = lines.join('');
    expect(log).toMatch(/UPSTREAM_ERROR/);
    expect(log).not.toContain(fixture.admin.token);
    expect(log).not.toContain('syt_secret_token_never_logged');
    await transport.close();
    await sim.close();
  });
});
