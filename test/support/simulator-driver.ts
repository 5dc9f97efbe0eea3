import { ManualClock } from '../../simulator/clock.js';
import { SynapseSimulator, type SimulatorOptions } from '../../simulator/server.js';
import { seedFixture, type Fixture, type HomeserverDriver, type RoomSpec } from './fixture.js';

/** Seeds the simulator directly, the way the client API would have changed its state. */
export function simulatorDriver(sim: SynapseSimulator): HomeserverDriver {
  const { hs } = sim;
  const owner = (token: string) => {
    const userId = hs.tokens.get(token);
    if (!userId) throw new Error('unknown token');
    hs.recordUse(token);
    return userId;
  };
  const room = (roomId: string) => {
    const found = hs.rooms.get(roomId);
    if (!found) throw new Error(`no room ${roomId}`);
    return found;
  };
  let guests = 0;
  return {
    register: async (localpart, options = {}) => {
      const password = `pw-${localpart}`;
      const user = hs.createUser(localpart, { admin: options.admin ?? false, displayName: options.displayName ?? localpart, password });
      return { userId: user.userId, token: hs.tokenOf(user.userId), password };
    },
    registerGuest: async () => {
      // Synapse numbers its guests.
      const user = hs.createUser(String(++guests), { isGuest: true, displayName: null });
      return { userId: user.userId, token: hs.tokenOf(user.userId) };
    },
    login: async (userId, password, deviceName) => {
      const user = hs.users.get(userId);
      if (!user || user.deactivated || user.password === null || user.password !== password) throw new Error('POST login: 403 {"errcode":"M_FORBIDDEN","error":"Invalid username or password"}');
      return hs.login(userId, { displayName: deviceName });
    },
    createRoom: async (token, spec: RoomSpec) => {
      const room = hs.createRoom({
        creator: owner(token),
        name: spec.name,
        topic: spec.topic,
        alias: spec.alias ? `#${spec.alias}:${hs.serverName}` : undefined,
        encrypted: spec.encrypted,
        space: spec.space,
        public: spec.public,
      });
      for (const userId of spec.invite ?? []) hs.setMembership(room, owner(token), userId, 'invite');
      return room.roomId;
    },
    join: async (token, roomId) => {
      const target = room(roomId);
      const userId = owner(token);
      // As the client API refuses: blocked rooms, and invite-only rooms without an invite.
      if (hs.blocked.has(roomId)) throw new Error('POST join: 403 {"errcode":"M_UNKNOWN","error":"This room has been blocked on this server"}');
      const invited = hs.stateContent(target, 'm.room.member', userId)?.membership === 'invite';
      if (hs.stateContent(target, 'm.room.join_rules')?.join_rule !== 'public' && !invited) throw new Error('POST join: 403 {"errcode":"M_FORBIDDEN"}');
      hs.setMembership(target, userId, userId, 'join');
    },
    leave: async (token, roomId) => {
      hs.setMembership(room(roomId), owner(token), owner(token), 'leave');
    },
    sendMessage: async (token, roomId, body) => hs.sendMessage(room(roomId), owner(token), body).event_id,
    report: async (token, roomId, eventId, { reason, score }) => {
      hs.report(owner(token), room(roomId).roomId, eventId, reason ?? null, score ?? null);
    },
    upload: async (token, content, { contentType, fileName }) => hs.upload(owner(token), content, { mediaType: contentType, uploadName: fileName }).mediaId,
    setPusher: async (token, pusher) => {
      hs.users.get(owner(token))!.pushers.push({
        kind: 'http',
        appId: pusher.appId,
        appDisplayName: pusher.appDisplayName,
        deviceDisplayName: pusher.deviceDisplayName,
        pushkey: pusher.pushkey,
        lang: pusher.lang,
        profileTag: '',
        data: { url: pusher.url },
        deviceId: hs.deviceOfToken.get(token) ?? null,
      });
    },
    setAccountData: async (token, userId, type, content, roomId) => {
      const { accountData } = hs.users.get(owner(token))!;
      if (userId !== owner(token)) throw new Error('403: Cannot add account data for other users.');
      if (roomId) (accountData.rooms[roomId] ??= {})[type] = content;
      else accountData.global[type] = content;
    },
    setDisplayName: async (token, userId, displayName) => {
      if (userId !== owner(token)) throw new Error('403: Cannot set another user\'s displayname');
      hs.setDisplayName(userId, displayName);
    },
    contactServer: async (_token, serverName) => {
      const now = hs.clock.now();
      hs.destinations.set(serverName, { destination: serverName, retryLastTs: now, retryInterval: 600_000, failureTs: now, lastSuccessfulStreamOrdering: null, rooms: new Map() });
    },
    deactivate: async (_adminToken, userId) => {
      hs.deactivate(userId, false);
      // Synapse leaves the rooms in the background, long done by the time a test reads the fixture.
      hs.finishParting(userId);
    },
    lock: async (_adminToken, userId) => {
      hs.users.get(userId)!.locked = true;
    },
  };
}

/** A simulator on a loopback port, on a manual clock, seeded with the shared fixture. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<{ sim: SynapseSimulator; url: string; fixture: Fixture; clock: ManualClock }> {
  const clock = new ManualClock();
  const sim = new SynapseSimulator({ clock, ...options });
  const fixture = await seedFixture(simulatorDriver(sim));
  const url = await sim.listen();
  return { sim, url, fixture, clock };
}

