import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const cursor = (offset: number | string) => Buffer.from(`rooms:${offset}`).toString('base64url');

// Each of these once reached Synapse and came back as an upstream failure (or was retried): they are the caller's
// mistakes, reported as such, and never sent.
describeScenario('client mistakes are the client’s: BAD_USER_INPUT or UNAUTHENTICATED, never sent upstream', (target) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = createTestGateway(target().url, target().fixture.admin.token);
    await gateway.warmAdminCheck();
  });
  afterAll(() => gateway.close());

  const cases: [string, string, Record<string, unknown>][] = [
    ['a room ID with a lone surrogate', 'query($id: ID!) { room(roomId: $id) { name } }', { id: '!\ud800abc:example.org' }],
    ['an over-long room ID', 'query($id: ID!) { room(roomId: $id) { name } }', { id: `!${'a'.repeat(20_000)}:example.org` }],
    ['an over-long alias', 'mutation($id: ID!) { makeRoomAdmin(roomId: $id) }', { id: `#${'a'.repeat(300)}:example.org` }],
    ['a delete ID with a lone surrogate', 'query($id: ID!) { deleteTask(deleteId: $id) { status } }', { id: 'abc\udc00' }],
    ['an over-long delete ID', 'query($id: ID!) { deleteTask(deleteId: $id) { status } }', { id: 'x'.repeat(5000) }],
    ['an over-long search', 'query($q: String!) { rooms(search: $q) { totalCount } }', { q: 'x'.repeat(100_000) }],
    ['a search with a lone surrogate', 'query($q: String!) { rooms(search: $q) { totalCount } }', { q: 'caf\ud83d' }],
    ['a cursor past 2^31', 'query($c: String!) { rooms(after: $c) { totalCount } }', { c: cursor(2 ** 31) }],
    ['a cursor past 2^53', 'query($c: String!) { rooms(after: $c) { totalCount } }', { c: cursor('9007199254740993') }],
    ['an event ID with a lone surrogate', 'query($room: ID!, $id: ID!) { room(roomId: $room) { eventContext(eventId: $id) { event { eventId } } } }', { id: '$\ud800' }],
  ];
  // The one room a case may look up on its way to the mistake.
  const general = () => target().fixture.rooms.general;

  for (const [what, query, variables] of cases) {
    it(`refuses ${what} as BAD_USER_INPUT without calling Synapse`, async () => {
      gateway.calls.length = 0;
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target().fixture.admin.token}` },
        body: JSON.stringify({ query, variables: { room: general(), ...variables } }),
      });
      const result = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(gateway.calls.filter((call) => call.path !== `/_synapse/admin/v1/rooms/${encodeURIComponent(general())}`)).toEqual([]);
    });
  }

  it('refuses tokens Synapse would choke on as UNAUTHENTICATED, without retrying or calling', async () => {
    gateway.calls.length = 0;
    for (const token of ['syt_é_not_ascii', 'syt_control\u0001char', 'x'.repeat(5000)]) {
      const result = await gateway.executeRaw('{ viewer { userId } }', undefined, token);
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    expect(gateway.calls).toEqual([]);
  });

  it('ends a subscription on an ID with a lone surrogate at once, with nothing left polling', async () => {
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${target().fixture.admin.token}` },
      body: JSON.stringify({ query: 'subscription($id: ID!) { deleteTask(deleteId: $id) { status } }', variables: { id: 'task\ud800' } }),
    });
    const stream = await response.text();
    expect(stream).toContain('"code":"BAD_USER_INPUT"');
    expect(stream.trimEnd().endsWith('event: complete\ndata:')).toBe(true);
    expect(gateway.yoga.runtime.services.deleteTaskHub.watched).toEqual([]);
  });
});
