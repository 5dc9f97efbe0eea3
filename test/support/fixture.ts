/** What a scenario needs from a homeserver to seed itself: the client-API actions an admin script would use. */
export interface HomeserverDriver {
  register(localpart: string, options?: { admin?: boolean; displayName?: string }): Promise<{ userId: string; token: string }>;
  createRoom(token: string, options: RoomSpec): Promise<string>;
  join(token: string, roomId: string): Promise<void>;
  leave(token: string, roomId: string): Promise<void>;
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
}

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

  return {
    serverName: admin.userId.slice(admin.userId.indexOf(':') + 1),
    admin,
    alice,
    bob,
    rooms: { general, secret, space, empty },
    bulkRoomIds,
    nonAsciiNames: nonAscii,
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
