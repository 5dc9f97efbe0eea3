/** What a scenario needs from a homeserver to seed itself: the client-API actions an admin script would use. */
export interface HomeserverDriver {
  register(localpart: string, options?: { admin?: boolean; displayName?: string }): Promise<Account & { password: string }>;
  registerGuest(): Promise<Account>;
  /** A new device (and token) of an existing user. */
  login(userId: string, password: string, deviceName: string): Promise<{ token: string; deviceId: string }>;
  createRoom(token: string, options: RoomSpec): Promise<string>;
  join(token: string, roomId: string): Promise<void>;
  leave(token: string, roomId: string): Promise<void>;
  /** Returns the event ID. */
  sendMessage(token: string, roomId: string, body: string): Promise<string>;
  report(token: string, roomId: string, eventId: string, report: { reason?: string; score?: number }): Promise<void>;
  /** Returns the media ID. */
  upload(token: string, content: Buffer, options: { contentType: string; fileName: string }): Promise<string>;
  setPusher(token: string, pusher: PusherSpec): Promise<void>;
  setAccountData(token: string, userId: string, type: string, content: Record<string, unknown>, roomId?: string): Promise<void>;
  setDisplayName(token: string, userId: string, displayName: string): Promise<void>;
  /** Asks for a remote user's keys: the server tries to reach theirs, fails, and records it as a failing destination. */
  contactServer(token: string, serverName: string): Promise<void>;
  /** Admin actions that seeding needs before the gateway is there. */
  deactivate(adminToken: string, userId: string): Promise<void>;
  lock(adminToken: string, userId: string): Promise<void>;
}

export interface Account {
  userId: string;
  token: string;
}

export interface PusherSpec {
  appId: string;
  pushkey: string;
  appDisplayName: string;
  deviceDisplayName: string;
  lang: string;
  url: string;
}

export interface RoomSpec {
  name?: string;
  topic?: string;
  /** Local part of the canonical alias. */
  alias?: string;
  encrypted?: boolean;
  space?: boolean;
  /** Public join rule and listed in the room directory. */
  public?: boolean;
  invite?: string[];
}

export interface Fixture {
  serverName: string;
  admin: { userId: string; token: string };
  alice: { userId: string; token: string };
  bob: { userId: string; token: string };
  rooms: { general: string; secret: string; space: string; empty: string };
  bulkRoomIds: string[];
  /** Names with characters outside ASCII, as created. */
  nonAsciiNames: string[];
  users: UserFixture;
}

/** Users of every kind an admin meets, with what the users API shows of them. */
export interface UserFixture {
  /** A user with everything: devices, media, a pusher, account data, a changed display name, a room of their own. */
  carol: Account & {
    password: string;
    displayName: string;
    devices: { deviceId: string; name: string }[];
    media: { mediaId: string; fileName: string; contentType: string; content: Buffer }[];
    pusher: PusherSpec;
    globalAccountData: { type: string; content: Record<string, unknown> };
    roomAccountData: { type: string; content: Record<string, unknown> };
    room: string;
  };
  /** A second admin. */
  ops: Account;
  guest: Account;
  deactivated: Account;
  locked: Account;
  /** Plain users, enough to fill more than one page of 100. */
  bulk: string[];
  reports: { eventId: string; roomId: string; reporter: string; sender: string; reason: string; score: number | null }[];
  /** A server this one tried and failed to reach. */
  failingDestination: string;
}

export const bulkUserCount = 110;

export const bulkRoomCount = 240;

const nonAscii = ['Café Ωμέγα', 'Übersicht 日本語', 'Ру́сский чат', 'Emoji 🎉 party'];

/** The same homeserver content everywhere: a handful of distinctive rooms plus enough plain ones to page through. */
export async function seedFixture(driver: HomeserverDriver, concurrency = 8): Promise<Fixture> {
  const admin = await driver.register('admin', { admin: true, displayName: 'Admin' });
  const alice = await driver.register('alice', { displayName: 'Alice Ångström' });
  const bob = await driver.register('bob', { displayName: 'Bob' });

  const general = await driver.createRoom(admin.token, { name: 'General', topic: 'Everything and nothing', alias: 'general', public: true });
  await driver.join(alice.token, general);
  await driver.join(bob.token, general);

  const secret = await driver.createRoom(alice.token, { name: 'Secret Ωμέγα', encrypted: true, invite: [bob.userId] });
  await driver.join(bob.token, secret);

  const space = await driver.createRoom(admin.token, { name: 'Team Space', space: true, topic: 'All team rooms' });

  const empty = await driver.createRoom(bob.token, { name: 'Abandoned' });
  await driver.leave(bob.token, empty);

  const names = Array.from({ length: bulkRoomCount }, (_, i) => nonAscii[i] ?? `Bulk room ${String(i).padStart(3, '0')}`);
  const bulkRoomIds = await mapLimit(names, concurrency, (name) => driver.createRoom(admin.token, { name }));

  const users = await seedUsers(driver, { admin, alice }, concurrency);

  return {
    serverName: admin.userId.slice(admin.userId.indexOf(':') + 1),
    admin,
    alice,
    bob,
    rooms: { general, secret, space, empty },
    bulkRoomIds,
    nonAsciiNames: nonAscii,
    users,
  };
}

async function seedUsers(driver: HomeserverDriver, { admin, alice }: Record<'admin' | 'alice', Account>, concurrency: number): Promise<UserFixture> {
  const carolAccount = await driver.register('carol', { displayName: 'Carol' });
  const devices = [];
  for (const name of ['Carol laptop', 'Carol phone']) devices.push({ ...(await driver.login(carolAccount.userId, carolAccount.password, name)), name });
  const files = [
    { fileName: 'note.txt', contentType: 'text/plain', content: Buffer.from('hello from carol\n') },
    { fileName: 'pixel.png', contentType: 'image/png', content: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex') },
  ];
  const media = [];
  for (const file of files) media.push({ ...file, mediaId: await driver.upload(carolAccount.token, file.content, file) });
  const pusher: PusherSpec = {
    appId: 'org.example.chat',
    pushkey: 'carol-pushkey',
    appDisplayName: 'Example Chat',
    deviceDisplayName: 'Carol phone',
    lang: 'en',
    url: 'https://push.example.org/_matrix/push/v1/notify',
  };
  await driver.setPusher(carolAccount.token, pusher);
  const room = await driver.createRoom(carolAccount.token, { name: 'Book club', public: true });
  const globalAccountData = { type: 'org.example.settings', content: { theme: 'dark' } };
  const roomAccountData = { type: 'org.example.room', content: { pinned: true } };
  await driver.setAccountData(carolAccount.token, carolAccount.userId, globalAccountData.type, globalAccountData.content);
  await driver.setAccountData(carolAccount.token, carolAccount.userId, roomAccountData.type, roomAccountData.content, room);
  const displayName = 'Carol Cœur';
  await driver.setDisplayName(carolAccount.token, carolAccount.userId, displayName);

  // Fewer members than the general room: room orderings by members stay unambiguous.
  await driver.join(alice.token, room);
  const spam = await driver.sendMessage(alice.token, room, 'Cheap watches, click here');
  const rude = await driver.sendMessage(carolAccount.token, room, 'You all read terrible books');
  await driver.report(carolAccount.token, room, spam, { reason: 'spam', score: -100 });
  await driver.report(alice.token, room, rude, { reason: 'rude' });

  const ops = await driver.register('ops', { admin: true, displayName: 'Operations' });
  const guest = await driver.registerGuest();
  const deactivated = await driver.register('dave', { displayName: 'Dave (left)' });
  await driver.join(deactivated.token, room);
  await driver.deactivate(admin.token, deactivated.userId);
  const locked = await driver.register('erin', { displayName: 'Erin' });
  await driver.lock(admin.token, locked.userId);
  const failingDestination = 'unreachable.invalid';
  await driver.contactServer(admin.token, failingDestination);

  const bulk = await mapLimit(
    Array.from({ length: bulkUserCount }, (_, i) => `member-${String(i).padStart(3, '0')}`),
    concurrency,
    async (localpart) => (await driver.register(localpart, { displayName: `Member ${localpart.slice(-3)}` })).userId,
  );
  return {
    carol: { ...carolAccount, displayName, devices, media, pusher, globalAccountData, roomAccountData, room },
    ops,
    guest,
    deactivated: { userId: deactivated.userId, token: deactivated.token },
    locked: { userId: locked.userId, token: locked.token },
    bulk,
    reports: [
      { eventId: spam, roomId: room, reporter: carolAccount.userId, sender: alice.userId, reason: 'spam', score: -100 },
      { eventId: rude, roomId: room, reporter: alice.userId, sender: carolAccount.userId, reason: 'rude', score: null },
    ],
    failingDestination,
  };
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}
