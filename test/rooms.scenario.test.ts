import { expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { bulkRoomCount } from './support/fixture.js';
import { countCalls, scenarioGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const RoomPage = graphql(`
  query RoomPage($first: Int, $after: String, $last: Int, $before: String, $orderBy: RoomOrderField, $direction: OrderDirection, $search: String, $public: Boolean, $empty: Boolean) {
    rooms(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, direction: $direction, search: $search, public: $public, empty: $empty) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { roomId name joinedMembers public } }
    }
  }
`);

const RoomDetails = graphql(`
  query RoomDetails($roomId: ID!) {
    room(roomId: $roomId) {
      roomId name canonicalAlias topic avatar joinedMembers joinedLocalMembers joinedLocalDevices version creator
      encryption federatable public joinRules guestAccess historyVisibility stateEvents roomType isSpace
      forgotten tombstoned replacementRoom
      servers
      members { userId server isLocal displayName avatarUrl user { userId displayName admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt } }
      state(types: ["m.room.create", "m.room.name"]) { eventId type stateKey sender originServerTs content }
      block { blocked blockedBy }
      deleteTasks { deleteId status }
    }
  }
`);

const Unknowns = graphql(`
  query Unknowns($roomId: ID!, $deleteId: ID!) {
    room(roomId: $roomId) { roomId }
    deleteTask(deleteId: $deleteId) { deleteId }
  }
`);

const Viewer = graphql(`
  query Viewer { viewer { userId isAdmin } serverVersion }
`);

describeScenario('rooms', (target) => {
  const gateway = scenarioGateway(target);

  async function walk(variables: { first: number; orderBy?: 'NAME' | 'JOINED_MEMBERS'; direction?: 'FORWARD' | 'BACKWARD'; search?: string }) {
    const seen: string[] = [];
    let after: string | null | undefined;
    let totalCount = -1;
    for (let page = 0; page < 100; page++) {
      const { data, errors } = await gateway.execute(RoomPage, { ...variables, after });
      expect(errors).toBeUndefined();
      const rooms = data!.rooms;
      totalCount = rooms.totalCount;
      seen.push(...rooms.edges.map((e) => e.node.roomId));
      expect(rooms.pageInfo.hasPreviousPage).toBe(page > 0);
      if (!rooms.pageInfo.hasNextPage) break;
      after = rooms.pageInfo.endCursor;
    }
    return { seen, totalCount };
  }

  it('walks every room exactly once, page by page, in any order', async () => {
    const { fixture } = target();
    for (const order of [{ orderBy: 'NAME' as const }, { orderBy: 'JOINED_MEMBERS' as const, direction: 'BACKWARD' as const }]) {
      const { seen, totalCount } = await walk({ first: 37, ...order });
      expect(totalCount).toBeGreaterThanOrEqual(bulkRoomCount + 4);
      expect(seen).toHaveLength(totalCount);
      expect(new Set(seen).size).toBe(totalCount);
      for (const roomId of [...Object.values(fixture.rooms), ...fixture.bulkRoomIds]) expect(seen).toContain(roomId);
    }
  });

  it('pages backwards with last/before to the same rooms', async () => {
    const forward = await gateway.execute(RoomPage, { first: 30 });
    const tail = forward.data!.rooms.edges.slice(10, 30);
    const backward = await gateway.execute(RoomPage, { last: 20, before: forward.data!.rooms.edges[30 - 1]!.cursor });
    // before is exclusive: the 20 rooms before the 30th are rooms 10..28.
    expect(backward.data!.rooms.edges.map((e) => e.node.roomId)).toEqual(forward.data!.rooms.edges.slice(9, 29).map((e) => e.node.roomId));
    expect(tail).toHaveLength(20);
    const end = await gateway.execute(RoomPage, { last: 5 });
    const total = end.data!.rooms.totalCount;
    expect(end.data!.rooms.edges).toHaveLength(5);
    expect(end.data!.rooms.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const all = await walk({ first: 1000 });
    expect(end.data!.rooms.edges.map((e) => e.node.roomId)).toEqual(all.seen.slice(total - 5));
  });

  it('defaults to 100 rooms a page and refuses page sizes outside 0..1000 without calling Synapse', async () => {
    const { data } = await gateway.execute(RoomPage, {});
    expect(data!.rooms.edges).toHaveLength(100);
    expect(data!.rooms.pageInfo.hasNextPage).toBe(true);
    gateway.calls.length = 0;
    for (const first of [1001, -1]) {
      const { errors } = await gateway.execute(RoomPage, { first });
      expect(errors?.[0]).toMatchObject({ path: ['rooms'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(errors?.[0]?.message).toMatch(/first must be between 0 and 1000/);
    }
    const emptySearch = await gateway.execute(RoomPage, { search: '' });
    expect(emptySearch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await gateway.execute(RoomPage, { after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls).toEqual([]);
  });

  it('orders as Synapse does, in both directions', async () => {
    const byMembers = await gateway.execute(RoomPage, { first: 50, orderBy: 'JOINED_MEMBERS' });
    const counts = byMembers.data!.rooms.edges.map((e) => e.node.joinedMembers ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(byMembers.data!.rooms.edges[0]!.node.roomId).toBe(target().fixture.rooms.general);
    const reversed = await gateway.execute(RoomPage, { first: 50, orderBy: 'JOINED_MEMBERS', direction: 'BACKWARD' });
    const ascending = reversed.data!.rooms.edges.map((e) => e.node.joinedMembers ?? 0);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBe(0);
    const byName = await gateway.execute(RoomPage, { first: 1000 });
    const names = byName.data!.rooms.edges.map((e) => e.node.name ?? '');
    // SQLite's BINARY collation: UTF-8 bytes.
    expect(names).toEqual([...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it('accepts every order field in both directions (each is a valid Synapse order_by)', async () => {
    const fields = ['NAME', 'CANONICAL_ALIAS', 'JOINED_MEMBERS', 'JOINED_LOCAL_MEMBERS', 'VERSION', 'CREATOR', 'ENCRYPTION', 'FEDERATABLE', 'PUBLIC', 'JOIN_RULES', 'GUEST_ACCESS', 'HISTORY_VISIBILITY', 'STATE_EVENTS'] as const;
    gateway.calls.length = 0;
    for (const orderBy of fields) {
      for (const direction of ['FORWARD', 'BACKWARD'] as const) {
        const { data, errors } = await gateway.execute(RoomPage, { first: 3, orderBy, direction });
        expect(errors, `${orderBy} ${direction}`).toBeUndefined();
        expect(data!.rooms.edges).toHaveLength(3);
      }
    }
    const sent = gateway.calls.map((c) => new URLSearchParams(c.path.split('?')[1]));
    expect(new Set(sent.map((q) => q.get('order_by')))).toEqual(new Set(fields.map((f) => f.toLowerCase())));
    expect(new Set(sent.map((q) => q.get('dir')))).toEqual(new Set(['f', 'b']));
  });

  it('filters by search term, directory publication and emptiness', async () => {
    const { fixture } = target();
    const search = await gateway.execute(RoomPage, { search: 'secret' });
    expect(search.data!.rooms.edges.map((e) => e.node.roomId)).toEqual([fixture.rooms.secret]);
    expect(search.data!.rooms.totalCount).toBe(1);
    const byAlias = await gateway.execute(RoomPage, { search: 'general' });
    expect(byAlias.data!.rooms.edges.map((e) => e.node.roomId)).toContain(fixture.rooms.general);
    const byId = await gateway.execute(RoomPage, { search: fixture.rooms.space });
    expect(byId.data!.rooms.edges.map((e) => e.node.roomId)).toEqual([fixture.rooms.space]);
    const published = await gateway.execute(RoomPage, { public: true });
    expect(published.data!.rooms.edges.map((e) => e.node.roomId)).toContain(fixture.rooms.general);
    expect(published.data!.rooms.edges.every((e) => e.node.public)).toBe(true);
    const unpublished = await gateway.execute(RoomPage, { public: false, first: 1000 });
    expect(unpublished.data!.rooms.edges.some((e) => e.node.roomId === fixture.rooms.general)).toBe(false);
    const all = await gateway.execute(RoomPage, { first: 0 });
    expect(published.data!.rooms.totalCount + unpublished.data!.rooms.totalCount).toBe(all.data!.rooms.totalCount);
    const empty = await gateway.execute(RoomPage, { empty: true, first: 1000 });
    expect(empty.data!.rooms.edges.map((e) => e.node.roomId)).toContain(fixture.rooms.empty);
    expect(empty.data!.rooms.edges.every((e) => e.node.joinedMembers === 0)).toBe(true);
  });

  it('keeps non-ASCII room names intact', async () => {
    const { data } = await gateway.execute(RoomPage, { first: 1000 });
    const names = new Set(data!.rooms.edges.map((e) => e.node.name));
    for (const name of target().fixture.nonAsciiNames) expect(names).toContain(name);
  });

  it('reads a room with its details, members, state, block status and delete tasks', async () => {
    const { fixture } = target();
    const { data, errors } = await gateway.execute(RoomDetails, { roomId: fixture.rooms.general });
    expect(errors).toBeUndefined();
    const room = data!.room!;
    expect(room).toMatchObject({
      roomId: fixture.rooms.general,
      name: 'General',
      canonicalAlias: `#general:${fixture.serverName}`,
      topic: 'Everything and nothing',
      avatar: null,
      joinedMembers: 3,
      joinedLocalMembers: 3,
      creator: fixture.admin.userId,
      encryption: null,
      federatable: true,
      public: true,
      joinRules: 'public',
      historyVisibility: 'shared',
      roomType: null,
      isSpace: false,
      forgotten: false,
      tombstoned: false,
      replacementRoom: null,
      servers: [fixture.serverName],
      block: { blocked: false, blockedBy: null },
      deleteTasks: [],
    });
    expect(room.stateEvents).toBeGreaterThanOrEqual(6);
    expect(room.members.map((m) => m.userId).sort()).toEqual([fixture.admin.userId, fixture.alice.userId, fixture.bob.userId].sort());
    const alice = room.members.find((m) => m.userId === fixture.alice.userId)!;
    expect(alice).toMatchObject({ server: fixture.serverName, isLocal: true, displayName: 'Alice Ångström', avatarUrl: null });
    expect(alice.user).toMatchObject({ userId: fixture.alice.userId, admin: false, deactivated: false, erased: false, locked: false, shadowBanned: false, isGuest: false, userType: null });
    // creation_ts arrives in seconds from user details: read as milliseconds it would land in 1970.
    const created = new Date(alice.user!.createdAt!);
    expect(created.getUTCFullYear()).toBeGreaterThanOrEqual(2025);
    expect(alice.user!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const admin = room.members.find((m) => m.userId === fixture.admin.userId)!;
    expect(admin.user!.admin).toBe(true);
    expect(room.state.map((e) => e.type).sort()).toEqual(['m.room.create', 'm.room.name']);
    const nameEvent = room.state.find((e) => e.type === 'm.room.name')!;
    expect(nameEvent).toMatchObject({ stateKey: '', sender: fixture.admin.userId, content: { name: 'General' } });
    expect(nameEvent.eventId).toMatch(/^\$/);
    expect(new Date(nameEvent.originServerTs!).getUTCFullYear()).toBeGreaterThanOrEqual(2025);
  });

  it('shows encryption, spaces and empty rooms as Synapse reports them', async () => {
    const { fixture } = target();
    const secret = (await gateway.execute(RoomDetails, { roomId: fixture.rooms.secret })).data!.room!;
    expect(secret).toMatchObject({ encryption: 'm.megolm.v1.aes-sha2', joinRules: 'invite', guestAccess: 'can_join', public: false, name: 'Secret Ωμέγα', creator: fixture.alice.userId });
    const space = (await gateway.execute(RoomDetails, { roomId: fixture.rooms.space })).data!.room!;
    expect(space).toMatchObject({ isSpace: true, roomType: 'm.space', topic: 'All team rooms' });
    const empty = (await gateway.execute(RoomDetails, { roomId: fixture.rooms.empty })).data!.room!;
    expect(empty).toMatchObject({ joinedMembers: 0, joinedLocalMembers: 0, joinedLocalDevices: 0, members: [], servers: [] });
  });

  it('answers null for unknown rooms and delete tasks, and refuses illegal room IDs before calling Synapse', async () => {
    const { fixture } = target();
    const unknown = await gateway.execute(Unknowns, { roomId: `!doesnotexist:${fixture.serverName}`, deleteId: 'nosuchdeleteid00' });
    expect(unknown).toEqual({ data: { room: null, deleteTask: null } });
    const v12 = await gateway.execute(Unknowns, { roomId: `!${'A'.repeat(43)}`, deleteId: 'x' });
    expect(v12.errors).toBeUndefined();
    expect(v12.data!.room).toBeNull();
    gateway.calls.length = 0;
    for (const roomId of ['#general:' + fixture.serverName, 'general', '!', `!${'A'.repeat(42)}`]) {
      const { errors, data } = await gateway.execute(RoomDetails, { roomId });
      expect(errors?.[0]).toMatchObject({ path: ['room'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(errors?.[0]?.message).toMatch(/not a legal room ID/);
      expect(data?.room ?? null).toBeNull();
    }
    expect(gateway.calls).toEqual([]);
  });

  it('tells who the token belongs to and the server version', async () => {
    const { fixture } = target();
    const admin = await gateway.execute(Viewer, {});
    expect(admin.data!.viewer).toEqual({ userId: fixture.admin.userId, isAdmin: true });
    expect(admin.data!.serverVersion).toMatch(/^1\.\d+/);
    const alice = await gateway.execute(Viewer, {}, fixture.alice.token);
    expect(alice.data!.viewer).toEqual({ userId: fixture.alice.userId, isAdmin: false });
  });

  it('makes each upstream call once per operation, whatever the aliases', async () => {
    const { fixture } = target();
    gateway.calls.length = 0;
    const { errors } = await gateway.executeRaw(
      `query Aliases($id: ID!) {
        a: room(roomId: $id) { name topic members { userId displayName } }
        b: room(roomId: $id) { topic avatar state { type } }
        c: room(roomId: $id) { forgotten servers block { blocked } }
        rooms(search: "General") { edges { node { roomId name topic members { userId } block { blocked } } } }
      }`,
      { id: fixture.rooms.general },
    );
    expect(errors).toBeUndefined();
    const general = encodeURIComponent(fixture.rooms.general);
    expect(countCalls(gateway.calls)).toEqual({
      'GET /_synapse/admin/v1/rooms': 1,
      [`GET /_synapse/admin/v1/rooms/${general}`]: 1,
      [`GET /_synapse/admin/v1/rooms/${general}/members`]: 1,
      [`GET /_synapse/admin/v1/rooms/${general}/state`]: 1,
      [`GET /_synapse/admin/v1/rooms/${general}/block`]: 1,
    });
  });

  it('fetches the admin check, forward extremities and event context once per operation, whatever the aliases', async () => {
    const { fixture } = target();
    const state = await gateway.executeRaw(`query($id: ID!) { room(roomId: $id) { state(types: ["m.room.name"]) { eventId } } }`, { id: fixture.rooms.general });
    const eventId = (state.data as { room: { state: { eventId: string }[] } }).room.state[0]!.eventId;
    gateway.calls.length = 0;
    const { errors } = await gateway.executeRaw(
      `query($id: ID!, $event: ID!) {
        a: viewer { isAdmin } b: viewer { isAdmin }
        room(roomId: $id) {
          x: forwardExtremities { count } y: forwardExtremities { results { eventId } }
          c1: eventContext(eventId: $event, limit: 2) { event { eventId } } c2: eventContext(eventId: $event, limit: 2) { eventsAfter { eventId } }
        }
      }`,
      { id: fixture.rooms.general, event: eventId },
    );
    expect(errors).toBeUndefined();
    const paths = gateway.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths.filter((p) => p.endsWith('/admin'))).toHaveLength(1);
    expect(paths.filter((p) => p.endsWith('/forward_extremities'))).toHaveLength(1);
    expect(paths.filter((p) => p.includes('/context/'))).toHaveLength(1);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('costs one list call for a page of list fields, plus one call per room for each extra resource', async () => {
    const cases: [string, Record<string, number>][] = [
      ['roomId name canonicalAlias joinedMembers joinedLocalMembers version creator encryption federatable public joinRules guestAccess historyVisibility stateEvents roomType isSpace', { list: 1 }],
      ['name topic', { list: 1, details: 100 }],
      ['topic avatar joinedLocalDevices forgotten tombstoned replacementRoom', { list: 1, details: 100 }],
      ['members { userId displayName } state { type }', { list: 1, members: 100, state: 100 }],
      ['servers block { blocked } deleteTasks { deleteId }', { list: 1, members: 100, block: 100, tasks: 100 }],
    ];
    for (const [fields, expected] of cases) {
      gateway.calls.length = 0;
      const { errors, data } = await gateway.executeRaw(`{ rooms(first: 100) { totalCount pageInfo { hasNextPage } edges { cursor node { ${fields} } } } }`);
      expect(errors).toBeUndefined();
      expect((data!.rooms as { edges: unknown[] }).edges).toHaveLength(100);
      const kinds: Record<string, number> = {};
      for (const { path } of gateway.calls) {
        const p = path.split('?')[0]!;
        const kind = p === '/_synapse/admin/v1/rooms' ? 'list' : p.endsWith('/members') ? 'members' : p.endsWith('/state') ? 'state' : p.endsWith('/block') ? 'block' : p.includes('scheduled_tasks') ? 'tasks' : p.startsWith('/_synapse/admin/v1/rooms/') ? 'details' : p;
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      expect(kinds, fields).toEqual(expected);
      expect(new Set(gateway.calls.map((c) => `${c.method} ${c.path}`)).size).toBe(gateway.calls.length);
    }
  });

  it('keeps caches per request: the same query twice calls Synapse twice', async () => {
    const { fixture } = target();
    gateway.calls.length = 0;
    await gateway.execute(RoomDetails, { roomId: fixture.rooms.general });
    const once = gateway.calls.length;
    await gateway.execute(RoomDetails, { roomId: fixture.rooms.general });
    expect(gateway.calls.length).toBe(2 * once);
  });
});
