import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AdminGuard } from '../src/admin-guard.js';
import { defaultLimits } from '../src/limits.js';
import { ManualClock } from '../simulator/clock.js';
import { countCalls, createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

/** `n` lookups of different rooms: n upstream calls if nothing stopped them. */
const manyRooms = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: room(roomId: "!r${i}:example.org") { name topic }`).join(' ')} }`;

describeScenario('nothing runs for a caller who has not shown a token, and a guard against fan-out', (target) => {
  let gateway: TestGateway;
  let clock: ManualClock;
  beforeAll(() => {
    clock = new ManualClock();
    // Aliases allowed far beyond the default, so that what stops these requests is the token check, not armor.
    gateway = createTestGateway(target().url, undefined, {}, { adminGuard: new AdminGuard(60_000, clock) }, { limits: { ...defaultLimits, maxAliases: 20_000, maxTokens: 200_000, wsMaxMessageBytes: 2 ** 20 } });
  });
  afterAll(() => gateway.close());

  it('refuses an operation without a token whole: one UNAUTHENTICATED error, no upstream call, over HTTP and WebSocket', async () => {
    gateway.calls.length = 0;
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: manyRooms(10_000) }) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    const server = await listenTestGateway(gateway);
    const client = createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0 });
    const refused = await new Promise((resolve) => client.subscribe({ query: manyRooms(10_000) }, { next: resolve, error: resolve, complete: () => {} }));
    expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    await client.dispose();
    await server.close();
    expect(gateway.calls).toEqual([]);
  });

  it('refuses a token that cannot be a Synapse token without asking Synapse', async () => {
    gateway.calls.length = 0;
    for (const token of ['tök€n', 'a'.repeat(5000)]) {
      const result = await gateway.executeRaw('{ viewer { userId } }', undefined, token);
      expect(result).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
      expect(result.errors![0]!.message).toMatch(/Malformed access token/);
    }
    expect(gateway.calls).toEqual([]);
  });

  it('costs a garbage token at most 2 upstream calls, whatever the query', async () => {
    for (const query of [manyRooms(999), '{ rooms(first: 300) { edges { node { topic members { userId } } } } }', '{ room(roomId: "!a:example.org") { members { user { admin } } } }']) {
      gateway.calls.length = 0;
      const result = await gateway.executeRaw(query, undefined, 'syt_garbage_token');
      expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
      expect(gateway.calls.length).toBeLessThanOrEqual(2);
    }
    // Above the budget, nothing is asked at all.
    gateway.calls.length = 0;
    const tooMany = await gateway.executeRaw(manyRooms(2_000), undefined, 'syt_garbage_token');
    expect(tooMany.errors![0]!.extensions!.code).toBe('QUERY_TOO_EXPENSIVE');
    expect(gateway.calls).toEqual([]);
    // Cheap operations are not checked first: they cost what they cost, and no more than 2.
    gateway.calls.length = 0;
    await gateway.executeRaw('{ a: room(roomId: "!a:example.org") { name } b: room(roomId: "!b:example.org") { name } }', undefined, 'syt_garbage_token');
    expect(gateway.calls.length).toBeLessThanOrEqual(2);
  });

  it('answers a non-admin token on admin data with FORBIDDEN after 2 calls, and still tells it who it is', async () => {
    const { fixture } = target();
    gateway.calls.length = 0;
    const result = await gateway.executeRaw(`{ viewer { userId isAdmin } ${manyRooms(50).slice(1, -1)} }`, undefined, fixture.alice.token);
    expect(result.data!.viewer).toEqual({ userId: fixture.alice.userId, isAdmin: false });
    expect(result.errors).toHaveLength(50);
    for (const error of result.errors!) expect(error.extensions).toEqual({ code: 'FORBIDDEN', synapse: { status: 403, errcode: 'M_FORBIDDEN' } });
    expect(countCalls(gateway.calls)).toEqual({
      'GET /_matrix/client/v3/account/whoami': 1,
      [`GET /_synapse/admin/v1/users/${encodeURIComponent(fixture.alice.userId)}/admin`]: 1,
    });
  });

  it('remembers an admin token for a while, and only when positive', async () => {
    const { fixture } = target();
    const expensive = '{ a: room(roomId: "!a:example.org") { topic } b: room(roomId: "!b:example.org") { topic } c: room(roomId: "!c:example.org") { topic } }';
    const checks = () => gateway.calls.filter((call) => call.path.endsWith('/whoami') || call.path.endsWith('/admin')).length;
    gateway.calls.length = 0;
    await gateway.executeRaw(expensive, undefined, fixture.admin.token);
    await gateway.executeRaw(expensive, undefined, fixture.admin.token);
    expect(checks()).toBe(2);
    clock.advance(60_001);
    await gateway.executeRaw(expensive, undefined, fixture.admin.token);
    expect(checks()).toBe(4);
    // A non-admin is checked every time: nothing negative is remembered.
    gateway.calls.length = 0;
    await gateway.executeRaw(expensive, undefined, fixture.alice.token);
    await gateway.executeRaw(expensive, undefined, fixture.alice.token);
    expect(checks()).toBe(4);
  });

  it('lets a non-admin token fan out through no subscription either: FORBIDDEN after the same 2 calls', async () => {
    const { fixture } = target();
    gateway.calls.length = 0;
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${fixture.alice.token}` },
      body: JSON.stringify({
        query: 'subscription($ids: [ID!]!) { deleteTasks(deleteIds: $ids) { status } }',
        variables: { ids: Array.from({ length: 500 }, (_, i) => `task${i}`) },
      }),
    });
    const stream = await response.text();
    expect(stream).toContain('"code":"FORBIDDEN"');
    expect(countCalls(gateway.calls)).toEqual({
      'GET /_matrix/client/v3/account/whoami': 1,
      [`GET /_synapse/admin/v1/users/${encodeURIComponent(fixture.alice.userId)}/admin`]: 1,
    });
  });
});
