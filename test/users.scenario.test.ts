import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { bulkUserCount } from './support/fixture.js';
import { createTestGateway, scenarioGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';
import { describeScenario } from './support/targets.js';

const UserPage = graphql(`
  query UserPage(
    $first: Int, $after: String, $last: Int, $before: String, $search: String, $userId: String, $guests: Boolean,
    $deactivated: DeactivatedFilter, $admins: Boolean, $locked: Boolean, $excludeUserTypes: [String!],
    $orderBy: UserOrderField, $direction: OrderDirection
  ) {
    users(
      first: $first, after: $after, last: $last, before: $before, search: $search, userId: $userId, guests: $guests,
      deactivated: $deactivated, admins: $admins, locked: $locked, excludeUserTypes: $excludeUserTypes,
      orderBy: $orderBy, direction: $direction
    ) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node { userId displayName admin deactivated locked isGuest createdAt } }
    }
  }
`);

const UserDetails = graphql(`
  query UserDetails($userId: ID!) {
    user(userId: $userId) {
      userId displayName avatarUrl admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt
      suspended appserviceId
      threepids { medium address validatedAt addedAt }
      externalIds { authProvider externalId }
      consent { version acceptedAt }
      joinedRooms { roomId name }
      memberships { room { roomId } membership }
      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }
      sessions { ip userAgent lastSeenAt }
      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }
      media(first: 10) {
        totalCount
        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }
      }
      accountData { global rooms }
      rateLimit { messagesPerSecond burstCount }
    }
  }
`);

const UserFlags = graphql(`
  query UserFlags($userId: ID!) {
    user(userId: $userId) { userId admin deactivated locked isGuest displayName }
  }
`);

describeScenario('users', (target) => {
  const gateway = scenarioGateway(target);

  const withinADayOfNow = (iso: string | null | undefined) => iso != null && Math.abs(Date.parse(iso) - target().now()) < 86_400_000;

  async function walk(variables: Record<string, unknown>) {
    const seen: string[] = [];
    let after: string | null | undefined;
    let totalCount = -1;
    for (let page = 0; page < 100; page++) {
      const { data, errors } = await gateway.execute(UserPage, { ...variables, after });
      expect(errors).toBeUndefined();
      totalCount = data!.users.totalCount;
      seen.push(...data!.users.edges.map((e) => e.node.userId));
      if (!data!.users.pageInfo.hasNextPage) break;
      after = data!.users.pageInfo.endCursor;
    }
    return { seen, totalCount };
  }

  it('walks every user exactly once, page by page, deactivated ones included when asked', async () => {
    const { fixture } = target();
    const { seen, totalCount } = await walk({ first: 37, deactivated: 'INCLUDE' });
    expect(seen).toHaveLength(totalCount);
    expect(new Set(seen).size).toBe(seen.length);
    const { users } = fixture;
    for (const id of [fixture.admin.userId, fixture.alice.userId, users.carol.userId, users.ops.userId, users.guest.userId, users.deactivated.userId, users.locked.userId, ...users.bulk]) {
      expect(seen).toContain(id);
    }
    expect(totalCount).toBeGreaterThanOrEqual(bulkUserCount + 8);
  });

  it('pages backwards from the end with last/before', async () => {
    const forward = await walk({ first: 1000 });
    const { data } = await gateway.execute(UserPage, { last: 5 });
    expect(data!.users.edges.map((e) => e.node.userId)).toEqual(forward.seen.slice(-5));
    expect(data!.users.pageInfo.hasPreviousPage).toBe(true);
  });

  it('filters like Synapse: search, user ID, admins, guests, deactivated, locked and user types', async () => {
    const { users, admin } = target().fixture;
    const ids = async (variables: Record<string, unknown>) => {
      const { data, errors } = await gateway.execute(UserPage, { first: 1000, ...variables });
      expect(errors).toBeUndefined();
      return data!.users.edges.map((e) => e.node);
    };
    expect((await ids({ search: 'member-10' })).map((u) => u.userId).sort()).toEqual(users.bulk.filter((id) => id.startsWith('@member-10')).sort());
    // Display names match too, whatever their case.
    expect((await ids({ search: 'cŒUR' })).map((u) => u.userId)).toEqual([users.carol.userId]);
    expect((await ids({ userId: 'carol' })).map((u) => u.userId)).toEqual([users.carol.userId]);

    const admins = await ids({ admins: true });
    expect(admins.every((u) => u.admin)).toBe(true);
    expect(admins.map((u) => u.userId)).toEqual(expect.arrayContaining([admin.userId, users.ops.userId]));
    expect((await ids({ admins: false })).some((u) => u.admin)).toBe(false);

    expect((await ids({})).some((u) => u.userId === users.guest.userId)).toBe(true);
    const noGuests = await ids({ guests: false });
    expect(noGuests.some((u) => u.isGuest)).toBe(false);

    // Synapse's v2 and v3 differ on what `deactivated` means: the three filters mean one thing on both.
    expect((await ids({})).some((u) => u.deactivated)).toBe(false);
    const only = await ids({ deactivated: 'ONLY' });
    expect(only.map((u) => u.userId)).toContain(users.deactivated.userId);
    expect(only.every((u) => u.deactivated)).toBe(true);
    const all = await ids({ deactivated: 'INCLUDE' });
    expect(all.length).toBe((await ids({})).length + only.length);

    // Synapse leaves locked accounts out unless asked; the gateway asks by default.
    expect((await ids({})).map((u) => u.userId)).toContain(users.locked.userId);
    const unlocked = await ids({ locked: false });
    expect(unlocked.map((u) => u.userId)).not.toContain(users.locked.userId);

    // "" stands for "no user type": leaving it out leaves out every ordinary account.
    expect(await ids({ userId: 'carol', excludeUserTypes: [''] })).toEqual([]);
    expect(await ids({ userId: 'carol', excludeUserTypes: ['bot'] })).toHaveLength(1);
  });

  it('orders by any of the 11 fields in both directions, as SQLite compares them', async () => {
    type Listed = { userId: string; displayName?: string | null; admin: boolean; deactivated: boolean; locked: boolean; isGuest: boolean; createdAt?: string | null };
    const listed = async (orderBy: string, direction: 'FORWARD' | 'BACKWARD') =>
      (await gateway.execute(UserPage, { first: 1000, deactivated: 'INCLUDE', orderBy: orderBy as 'NAME', direction })).data!.users.edges.map((e) => e.node as Listed);
    // SQLite: NULL first, then numbers (booleans are 0/1), then text by UTF-8 bytes.
    const compare = (a: unknown, b: unknown) => {
      if (a === b) return 0;
      if (a == null) return -1;
      if (b == null) return 1;
      if (typeof a !== 'string' || typeof b !== 'string') return Number(a) - Number(b);
      return Buffer.compare(Buffer.from(a), Buffer.from(b));
    };
    const sortedBy = (users: Listed[], key: (user: Listed) => unknown, sign: number) =>
      users.every((user, i) => i === 0 || sign * compare(key(users[i - 1]!), key(user)) <= 0);
    const keys: Record<string, (user: Listed) => unknown> = {
      NAME: (u) => u.userId,
      DISPLAYNAME: (u) => u.displayName,
      ADMIN: (u) => u.admin,
      DEACTIVATED: (u) => u.deactivated,
      IS_GUEST: (u) => u.isGuest,
      LOCKED: (u) => u.locked,
      CREATION_TS: (u) => (u.createdAt ? Date.parse(u.createdAt) : null),
    };
    for (const [field, key] of Object.entries(keys)) {
      expect(sortedBy(await listed(field, 'FORWARD'), key, 1), `${field} FORWARD`).toBe(true);
      expect(sortedBy(await listed(field, 'BACKWARD'), key, -1), `${field} BACKWARD`).toBe(true);
    }
    // Not all of them vary here: the flags that do put their true ones last going forward.
    expect((await listed('ADMIN', 'FORWARD')).at(-1)!.admin).toBe(true);
    expect((await listed('DEACTIVATED', 'FORWARD')).at(-1)!.deactivated).toBe(true);
    // The fields the list does not show are sent on as they are: Synapse accepts each of them.
    for (const field of ['USER_TYPE', 'AVATAR_URL', 'SHADOW_BANNED', 'LAST_SEEN_TS']) {
      const { errors, data } = await gateway.execute(UserPage, { first: 5, orderBy: field as 'NAME', direction: 'BACKWARD' });
      expect(errors, field).toBeUndefined();
      expect(data!.users.edges, field).toHaveLength(5);
    }
  });

  it('tells a user everything the admin API knows of them, every timestamp a date near now', async () => {
    const { carol } = target().fixture.users;
    const { data, errors } = await gateway.execute(UserDetails, { userId: carol.userId });
    expect(errors).toBeUndefined();
    const user = data!.user!;
    expect(user).toMatchObject({
      userId: carol.userId,
      displayName: carol.displayName,
      admin: false,
      deactivated: false,
      erased: false,
      locked: false,
      shadowBanned: false,
      isGuest: false,
      userType: null,
      suspended: false,
      appserviceId: null,
      threepids: [],
      externalIds: [],
      consent: null,
      rateLimit: null,
    });
    // Details give creation_ts in seconds, lists in milliseconds: both are the same date here.
    expect(withinADayOfNow(user.createdAt)).toBe(true);
    const listed = (await gateway.execute(UserPage, { userId: 'carol' })).data!.users.edges[0]!.node;
    expect(listed.createdAt).toBe(user.createdAt);

    expect(user.joinedRooms.map((r) => r.roomId)).toContain(carol.room);
    expect(user.joinedRooms.find((r) => r.roomId === carol.room)!.name).toBe('Book club');
    expect(user.memberships).toContainEqual({ room: { roomId: carol.room }, membership: 'join' });

    for (const device of carol.devices) {
      expect(user.devices.find((d) => d.deviceId === device.deviceId), device.name).toMatchObject({ displayName: device.name });
    }
    // A device's last sight is its last use: the devices only logged in have none yet, the one that uploaded has.
    const seen = user.devices.filter((d) => d.lastSeenAt !== null);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((d) => withinADayOfNow(d.lastSeenAt))).toBe(true);
    expect(user.sessions.length).toBeGreaterThan(0);
    expect(user.sessions[0]!.ip).toBe('127.0.0.1');

    expect(user.pushers).toEqual([
      expect.objectContaining({
        kind: 'http',
        appId: carol.pusher.appId,
        appDisplayName: carol.pusher.appDisplayName,
        deviceDisplayName: carol.pusher.deviceDisplayName,
        pushkey: carol.pusher.pushkey,
        lang: carol.pusher.lang,
        data: expect.objectContaining({ url: carol.pusher.url }),
        enabled: true,
      }),
    ]);

    expect(user.media!.totalCount).toBe(carol.media.length);
    for (const file of carol.media) {
      const found = user.media!.edges.find((e) => e.node.mediaId === file.mediaId)?.node;
      expect(found, file.fileName).toMatchObject({
        mediaType: file.contentType,
        mediaLength: file.content.length,
        uploadName: file.fileName,
        quarantinedBy: null,
        safeFromQuarantine: false,
      });
      expect(withinADayOfNow(found!.createdAt)).toBe(true);
    }

    expect((user.accountData.global as Record<string, unknown>)[carol.globalAccountData.type]).toEqual(carol.globalAccountData.content);
    expect((user.accountData.rooms as Record<string, Record<string, unknown>>)[carol.room]?.[carol.roomAccountData.type]).toEqual(carol.roomAccountData.content);
  });

  it('shows admins, guests, deactivated and locked accounts as they are', async () => {
    const { users } = target().fixture;
    const flags = async (userId: string) => (await gateway.execute(UserFlags, { userId })).data!.user;
    expect(await flags(users.ops.userId)).toMatchObject({ admin: true, displayName: 'Operations' });
    expect(await flags(users.guest.userId)).toMatchObject({ isGuest: true, admin: false });
    expect(await flags(users.deactivated.userId)).toMatchObject({ deactivated: true, locked: false });
    expect(await flags(users.locked.userId)).toMatchObject({ locked: true, deactivated: false });
  });

  it('answers null for an unknown local user, BAD_USER_INPUT for a remote or malformed ID, before calling Synapse for the latter', async () => {
    const { serverName } = target().fixture;
    const unknown = await gateway.execute(UserFlags, { userId: `@nobody-here:${serverName}` });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.user).toBeNull();

    const remote = await gateway.execute(UserFlags, { userId: '@someone:elsewhere.example' });
    expect(remote.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    gateway.calls.length = 0;
    const malformed = await gateway.execute(UserFlags, { userId: 'carol' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls).toHaveLength(0);

    const both = await gateway.execute(UserPage, { search: 'a', userId: 'b' });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs one list call for a page of 100 users with list fields, one more per user for details-only fields', async () => {
    const cases: [string, Record<string, number>][] = [
      ['userId displayName avatarUrl admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt', { list: 1 }],
      ['userId suspended threepids { address } consent { version }', { list: 1, details: 100 }],
      ['devices { deviceId } pushers { pushkey }', { list: 1, devices: 100, pushers: 100 }],
    ];
    for (const [fields, expected] of cases) {
      gateway.calls.length = 0;
      const { errors, data } = await gateway.executeRaw(`{ users(first: 100) { totalCount edges { node { ${fields} } } } }`);
      expect(errors, fields).toBeUndefined();
      expect((data!.users as { edges: unknown[] }).edges).toHaveLength(100);
      const kinds: Record<string, number> = {};
      for (const { path } of gateway.calls) {
        const p = path.split('?')[0]!;
        const kind = /\/v[23]\/users$/.test(p) ? 'list' : p.endsWith('/devices') ? 'devices' : p.endsWith('/pushers') ? 'pushers' : /\/v2\/users\/[^/]+$/.test(p) ? 'details' : p;
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      expect(kinds, fields).toEqual(expected);
    }
  });
});

describe('users on Synapse older than 1.93 (no v3 list) [simulator]', () => {
  it('falls back to the v2 list, within the estimate, and says what ONLY needs', async () => {
    const { sim, url, fixture } = await startSimulator({ withoutV3UserList: true });
    const gateway = createTestGateway(url, fixture.admin.token);
    try {
      // Unchecked (an estimate of 2): the fallback must fit in the operation's own budget.
      const { data, errors } = await gateway.execute(UserPage, { first: 1000, deactivated: 'INCLUDE' });
      expect(errors).toBeUndefined();
      expect(data!.users.edges.map((e) => e.node.userId)).toContain(fixture.users.deactivated.userId);
      expect(gateway.calls.map((c) => c.path.split('?')[0])).toEqual(['/_synapse/admin/v3/users', '/_synapse/admin/v2/users']);
      const active = await gateway.execute(UserPage, { first: 1000 });
      expect(active.data!.users.edges.some((e) => e.node.deactivated)).toBe(false);
      const only = await gateway.execute(UserPage, { deactivated: 'ONLY' });
      expect(only.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(only.errors?.[0]?.message).toContain('1.93');
    } finally {
      await gateway.close();
      await sim.close();
    }
  });
});
