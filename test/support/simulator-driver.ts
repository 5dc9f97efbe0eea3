import { ManualClock } from '../../simulator/clock.js';
import { SynapseSimulator, type SimulatorOptions } from '../../simulator/server.js';
import { seedFixture, type Fixture, type HomeserverDriver, type RoomSpec } from './fixture.js';

/** Seeds the simulator directly, the way the client API would have changed its state. */
export function simulatorDriver(sim: SynapseSimulator): HomeserverDriver {
  const { hs } = sim;
  const owner = (token: string) => {
    const userId = hs.tokens.get(token);
    if (!userId) throw new Error('unknown token');
    return userId;
  };
  return {
    register: async (localpart, options = {}) => {
      const user = hs.createUser(localpart, { admin: options.admin ?? false, displayName: options.displayName ?? localpart });
      return { userId: user.userId, token: hs.tokenOf(user.userId) };
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
      const room = hs.rooms.get(roomId);
      if (!room) throw new Error(`no room ${roomId}`);
      const userId = owner(token);
      // As the client API refuses: blocked rooms, and invite-only rooms without an invite.
      if (hs.blocked.has(roomId)) throw new Error('POST join: 403 {"errcode":"M_UNKNOWN","error":"This room has been blocked on this server"}');
      const invited = hs.stateContent(room, 'm.room.member', userId)?.membership === 'invite';
      if (hs.stateContent(room, 'm.room.join_rules')?.join_rule !== 'public' && !invited) throw new Error('POST join: 403 {"errcode":"M_FORBIDDEN"}');
      hs.setMembership(room, userId, userId, 'join');
    },
    leave: async (token, roomId) => {
      const room = hs.rooms.get(roomId);
      if (!room) throw new Error(`no room ${roomId}`);
      hs.setMembership(room, owner(token), owner(token), 'leave');
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

