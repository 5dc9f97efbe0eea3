import type { SynapseSimulator } from './server.js';

export interface DemoSummary {
  adminToken: string;
  rooms: number;
  users: number;
}

const topics = ['Weekly sync', 'Release planning', 'Off-topic banter', 'Incident response', 'Book club', 'Support desk'];
const words = ['Alpha', 'Nimbus', 'Harbor', 'Quartz', 'Meadow', 'Signal', 'Orbit', 'Lantern', 'Cedar', 'Pixel', 'Tundra', 'Vertex'];
const nonAscii = ['Café société', 'Ωμέγα ομάδα', 'Übersetzer:innen', 'Русский клуб', '日本語の部屋', 'Émojis 🎉🚀', 'Ñandú & amigos', 'العربية', 'Zażółć gęślą jaźń', '한국어 채팅'];
const remoteServers = ['matrix.org', 'kde.org', 'mozilla.org', 'fosdem.org'];

/**
 * A homeserver that looks lived-in: hundreds of rooms, spaces, encrypted and empty rooms, remote members, history;
 * users with devices, uploads and reports; the servers it federates with.
 */
export function seedDemo(sim: SynapseSimulator, options: { adminToken: string; rooms?: number }): DemoSummary {
  const { hs } = sim;
  const roomCount = options.rooms ?? 320;
  // A fixed pseudo-random sequence, so every demo shows the same server.
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const admin = hs.createUser('admin', { admin: true, displayName: 'Server Admin', token: options.adminToken, lastSeenTs: hs.clock.now() });
  const users = [admin];
  for (let i = 0; i < 60; i++) {
    users.push(
      hs.createUser(`user${String(i).padStart(2, '0')}`, {
        displayName: i % 7 === 0 ? `${pick(nonAscii).split(' ')[0]} ${i}` : `User ${i}`,
        avatarUrl: i % 3 === 0 ? `mxc://${hs.serverName}/avatar${i}` : null,
        deactivated: i % 29 === 28,
        shadowBanned: i === 13,
        isGuest: i === 59,
        creationTs: Math.floor(hs.clock.now() / 1000) - i * 86_400,
        lastSeenTs: i % 4 === 0 ? null : hs.clock.now() - i * 3_600_000,
      }),
    );
  }
  hs.createUser('bot', { userType: 'bot', displayName: 'Moderation bot' });

  for (let i = 0; i < roomCount; i++) {
    const creator = pick(users).userId;
    const kind = i % 20;
    const name = kind === 7 ? undefined : i < nonAscii.length ? nonAscii[i] : `${pick(words)} ${pick(words).toLowerCase()} ${i}`;
    const room = hs.createRoom({
      creator,
      name,
      topic: kind % 3 === 0 ? pick(topics) : undefined,
      alias: kind % 4 === 0 && name ? `#${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${i}:${hs.serverName}` : undefined,
      avatar: kind % 5 === 0 ? `mxc://${hs.serverName}/room${i}` : undefined,
      encrypted: kind % 3 === 1,
      space: kind === 2 || kind === 12,
      public: kind % 4 === 0,
      federate: kind !== 9,
    });
    if (kind === 5 || kind === 15) {
      // Empty: everyone left, the kind of room the purge scripts go after.
      hs.setMembership(room, creator, creator, 'leave');
      continue;
    }
    const members = 1 + Math.floor(random() * 25);
    for (let m = 0; m < members; m++) hs.setMembership(room, creator, pick(users).userId, 'join');
    if (kind % 2 === 0) {
      for (let r = 0; r < 1 + Math.floor(random() * 6); r++) {
        const remote = `@guest${Math.floor(random() * 500)}:${pick(remoteServers)}`;
        hs.setState(room, remote, 'm.room.member', remote, { membership: 'join', displayname: `Remote ${remote.slice(1, 9)}` });
      }
    }
    if (kind === 11) hs.setState(room, creator, 'm.room.tombstone', '', { body: 'This room has moved', replacement_room: `!replacement${i}:${hs.serverName}` });
    if (i % 50 === 17) hs.blocked.set(room.roomId, admin.userId);
  }
  // The rest of an admin's day: devices and sessions, uploads, a pusher, a locked account, reports, and the servers
  // this one federates with (one of them failing).
  const people = users.slice(1, 13);
  for (const [i, user] of people.entries()) {
    for (const device of ['Element Desktop', 'Element Android'].slice(0, 1 + (i % 2))) {
      const { token } = hs.login(user.userId, { displayName: device });
      hs.recordUse(token, `192.0.2.${10 + i}`, device.includes('Android') ? 'Element/1.6 (Android 15)' : 'Element/1.11 (Linux)');
    }
    hs.upload(user.userId, Buffer.from(`Notes of ${user.displayName}\n`), { mediaType: 'text/plain', uploadName: `notes-${i}.txt` });
    if (i % 3 === 0) user.threepids.push({ medium: 'email', address: `${user.userId.slice(1, user.userId.indexOf(':'))}@example.org`, validatedAt: hs.clock.now(), addedAt: hs.clock.now() });
  }
  people[0]!.pushers.push({
    kind: 'http',
    appId: 'im.vector.app.android',
    appDisplayName: 'Element',
    deviceDisplayName: 'Pixel',
    pushkey: 'demo-pushkey',
    lang: 'en',
    profileTag: '',
    data: { url: 'https://push.example.org/_matrix/push/v1/notify' },
    deviceId: null,
  });
  people[1]!.accountData.global['m.direct'] = { [people[2]!.userId]: [] };
  people[2]!.externalIds.push({ authProvider: 'oidc-keycloak', externalId: 'c0ffee' });
  people[3]!.locked = true;

  const reported = [...hs.rooms.values()].filter((room) => hs.joinedMembers(room).length >= 3).slice(0, 3);
  for (const [i, room] of reported.entries()) {
    const [sender, reporter] = hs.joinedMembers(room);
    const event = hs.sendMessage(room, sender!, ['Buy cheap followers now', 'You are all idiots', 'Click this totally safe link'][i]!);
    hs.report(reporter!, room.roomId, event.event_id, ['spam', 'abuse', 'phishing'][i]!, i === 0 ? -100 : null);
  }

  for (const [i, server] of remoteServers.entries()) {
    const shared = [...hs.rooms.values()].filter((room) => hs.joinedMembers(room).some((id) => id.endsWith(`:${server}`)));
    const failing = i === remoteServers.length - 1;
    hs.destinations.set(server, {
      destination: server,
      retryLastTs: failing ? hs.clock.now() - 60_000 : 0,
      retryInterval: failing ? 600_000 : 0,
      failureTs: failing ? hs.clock.now() - 3_600_000 : null,
      lastSuccessfulStreamOrdering: failing ? null : 1000 + i,
      rooms: new Map(shared.map((room, n) => [room.roomId, n + 1])),
    });
  }

  return { adminToken: options.adminToken, rooms: hs.rooms.size, users: hs.users.size };
}
