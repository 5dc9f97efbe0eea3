import { afterAll, beforeAll, expect, it } from 'vitest';
import { DeleteTaskHub } from '../src/delete-task-hub.js';
import { realTimers } from '../src/timers.js';
import { graphql } from './gql/index.js';
import { countCalls, createTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const BlockRoom = graphql(`mutation BlockRoom($roomId: ID!) { blockRoom(roomId: $roomId) { blocked blockedBy } }`);
const UnblockRoom = graphql(`mutation UnblockRoom($roomId: ID!) { unblockRoom(roomId: $roomId) { blocked blockedBy } }`);
const RoomBlock = graphql(`query RoomBlock($roomId: ID!) { room(roomId: $roomId) { block { blocked blockedBy } } }`);
const DeleteRoom = graphql(`
  mutation DeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {
    deleteRoom(roomId: $roomId, options: $options) { deleteId roomId status isTerminal shutdownRoom { kickedUsers newRoomId } }
  }
`);
const FollowTask = graphql(`
  query FollowTask($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId status isTerminal error shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId } } }
`);
const MakeRoomAdmin = graphql(`mutation MakeRoomAdmin($roomId: ID!, $userId: ID) { makeRoomAdmin(roomId: $roomId, userId: $userId) }`);
const PowerLevels = graphql(`query PowerLevels($roomId: ID!) { room(roomId: $roomId) { state(types: ["m.room.power_levels"]) { content } members { userId } } }`);
const Extremities = graphql(`
  query Extremities($roomId: ID!) { room(roomId: $roomId) { forwardExtremities { count results { eventId stateGroup depth receivedAt } } } }
`);
const DeleteExtremities = graphql(`mutation DeleteExtremities($roomId: ID!) { deleteForwardExtremities(roomId: $roomId) }`);
const Context = graphql(`
  query Context($roomId: ID!, $eventId: ID!, $limit: Int) {
    room(roomId: $roomId) {
      eventContext(eventId: $eventId, limit: $limit) {
        event { eventId type sender stateKey originServerTs content }
        eventsBefore { eventId type originServerTs }
        eventsAfter { eventId type originServerTs }
        state { type stateKey }
      }
      state(types: ["m.room.name", "m.room.create"]) { eventId type }
    }
  }
`);

describeScenario('moderation', (target) => {
  let gateway: TestGateway;
  beforeAll(() => {
    gateway = createTestGateway(target().url, target().fixture.admin.token, {}, { deleteTaskHub: new DeleteTaskHub({ intervalMs: 50, timers: target().clock ?? realTimers }) });
  });
  afterAll(() => gateway.close());

  /** Rooms of the test's own, so that deleting them disturbs no other scenario. */
  const ownRoom = (name: string, alias?: string) =>
    target().driver.createRoom(target().fixture.alice.token, { name, ...(alias ? { alias: `${alias}-${Date.now().toString(36)}` } : {}) });

  async function followUntilTerminal(deleteId: string) {
    for (let read = 0; read < 400; read++) {
      const { data } = await gateway.execute(FollowTask, { deleteId });
      if (data!.deleteTask!.isTerminal) return data!.deleteTask!;
      await target().elapse(25);
    }
    throw new Error(`task ${deleteId} never finished`);
  }

  it('blocks and unblocks a room, idempotently, as Synapse then reports it', async () => {
    const { fixture } = target();
    const roomId = await ownRoom('To block');
    expect((await gateway.execute(BlockRoom, { roomId })).data!.blockRoom).toEqual({ blocked: true, blockedBy: fixture.admin.userId });
    expect((await gateway.execute(BlockRoom, { roomId })).data!.blockRoom).toEqual({ blocked: true, blockedBy: fixture.admin.userId });
    const direct = await fetch(`${target().url}/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/block`, { headers: { authorization: `Bearer ${fixture.admin.token}` } });
    expect(await direct.json()).toEqual({ block: true, user_id: fixture.admin.userId });
    // Synapse refuses joins to a blocked room.
    await expect(target().driver.join(fixture.bob.token, roomId)).rejects.toThrow(/403/);
    expect((await gateway.execute(UnblockRoom, { roomId })).data!.unblockRoom).toEqual({ blocked: false, blockedBy: null });
    expect((await gateway.execute(UnblockRoom, { roomId })).data!.unblockRoom).toEqual({ blocked: false, blockedBy: null });
    expect((await gateway.execute(RoomBlock, { roomId })).data!.room!.block).toEqual({ blocked: false, blockedBy: null });
  });

  it('blocks a room this server has never seen, and refuses aliases before calling Synapse', async () => {
    const future = `!future${Date.now().toString(36)}:elsewhere.example`;
    expect((await gateway.execute(BlockRoom, { roomId: future })).data!.blockRoom).toEqual({ blocked: true, blockedBy: target().fixture.admin.userId });
    expect((await gateway.execute(UnblockRoom, { roomId: future })).data!.unblockRoom.blocked).toBe(false);
    gateway.calls.length = 0;
    const alias = await gateway.execute(BlockRoom, { roomId: `#general:${target().fixture.serverName}` });
    expect(alias.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls).toEqual([]);
  });

  it('deletes a room with a member into a new room: COMPLETE, the member kicked', async () => {
    const { fixture } = target();
    const roomId = await ownRoom('Delete me', 'delete-me');
    const { data, errors } = await gateway.execute(DeleteRoom, { roomId, options: { newRoomUserId: fixture.admin.userId, roomName: 'Moved here', message: 'Closed by the admins' } });
    expect(errors).toBeUndefined();
    expect(data!.deleteRoom).toMatchObject({ roomId, isTerminal: false });
    expect(['SCHEDULED', 'ACTIVE']).toContain(data!.deleteRoom.status);
    const done = await followUntilTerminal(data!.deleteRoom.deleteId);
    expect(done).toMatchObject({ status: 'COMPLETE', error: null, shutdownRoom: { kickedUsers: [fixture.alice.userId], failedToKickUsers: [] } });
    expect(done.shutdownRoom!.newRoomId).toMatch(/^!/);
    expect(done.shutdownRoom!.localAliases).toHaveLength(1);
    const moved = await gateway.execute(PowerLevels, { roomId: done.shutdownRoom!.newRoomId! });
    expect(moved.data!.room!.members.map((m) => m.userId)).toContain(fixture.alice.userId);
  });

  it('never starts a second delete for a room whose delete is not finished', async () => {
    const roomId = await ownRoom('Delete me twice');
    gateway.calls.length = 0;
    const [first, second] = await Promise.all([gateway.execute(DeleteRoom, { roomId }), gateway.execute(DeleteRoom, { roomId })]);
    expect(first.errors).toBeUndefined();
    expect(second.data!.deleteRoom.deleteId).toBe(first.data!.deleteRoom.deleteId);
    expect(countCalls(gateway.calls)[`DELETE /_synapse/admin/v2/rooms/${encodeURIComponent(roomId)}`]).toBe(1);
    await followUntilTerminal(first.data!.deleteRoom.deleteId);
  });

  it('validates delete options before calling Synapse', async () => {
    const roomId = await ownRoom('Not deleted');
    gateway.calls.length = 0;
    const cases = [
      [{ newRoomUserId: '@someone:elsewhere.example' }, /must be a local user/],
      [{ newRoomUserId: 'not-a-user' }, /not a legal user ID/],
      [{ purge: false, forcePurge: true }, /forcePurge only applies with options.purge: true/],
    ] as const;
    for (const [options, message] of cases) {
      const { errors } = await gateway.execute(DeleteRoom, { roomId, options });
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message).toMatch(message);
    }
    expect(gateway.calls.filter((c) => c.method !== 'GET')).toEqual([]);
    const illegal = await gateway.execute(DeleteRoom, { roomId: 'general' });
    expect(illegal.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('makes a user room admin by room ID or alias, and passes on Synapse’s refusals with the reason', async () => {
    const { fixture } = target();
    const alias = `mod-${Date.now().toString(36)}`;
    const roomId = await target().driver.createRoom(fixture.alice.token, { name: 'Moderated', alias });
    expect((await gateway.execute(MakeRoomAdmin, { roomId, userId: fixture.bob.userId })).data!.makeRoomAdmin).toBe(true);
    expect((await gateway.execute(MakeRoomAdmin, { roomId: `#${alias}:${fixture.serverName}` })).data!.makeRoomAdmin).toBe(true);
    const levels = (await gateway.execute(PowerLevels, { roomId })).data!.room!.state[0]!.content as { users: Record<string, number> };
    expect(levels.users[fixture.bob.userId]).toBe(100);
    expect(levels.users[fixture.admin.userId]).toBe(100);

    const notInRoom = await gateway.execute(MakeRoomAdmin, { roomId: fixture.rooms.empty });
    expect(notInRoom.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', synapse: { status: 400, errcode: 'M_UNKNOWN' } });
    expect(notInRoom.errors![0]!.message).toContain('Server not in room');
    const unknownAlias = await gateway.execute(MakeRoomAdmin, { roomId: `#nobody-${alias}:${fixture.serverName}` });
    expect(unknownAlias.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    gateway.calls.length = 0;
    const garbage = await gateway.execute(MakeRoomAdmin, { roomId: 'garbage' });
    expect(garbage.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls).toEqual([]);
  });

  it('reads forward extremities and deletes them, never asking Synapse to delete from a room without any', async () => {
    const { fixture } = target();
    const { data } = await gateway.execute(Extremities, { roomId: fixture.rooms.general });
    const extremities = data!.room!.forwardExtremities;
    expect(extremities.count).toBe(extremities.results.length);
    expect(extremities.count).toBeGreaterThanOrEqual(1);
    expect(extremities.results[0]).toMatchObject({ eventId: expect.stringMatching(/^\$/), depth: expect.any(Number) });
    expect(new Date(extremities.results[0]!.receivedAt!).getUTCFullYear()).toBeGreaterThanOrEqual(2025);
    const deleted = await gateway.execute(DeleteExtremities, { roomId: fixture.rooms.general });
    expect(deleted).toEqual({ data: { deleteForwardExtremities: extremities.count - 1 } });
    gateway.calls.length = 0;
    const none = await gateway.execute(DeleteExtremities, { roomId: `!unknown${Date.now().toString(36)}:${fixture.serverName}` });
    expect(none).toEqual({ data: { deleteForwardExtremities: 0 } });
    expect(gateway.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it('shows the events around an event, newest first before it, and null for an unknown event', async () => {
    const { fixture } = target();
    const state = (await gateway.execute(Context, { roomId: fixture.rooms.general, eventId: '$unknown' })).data!.room!;
    expect(state.eventContext).toBeNull();
    const nameEvent = state.state.find((e) => e.type === 'm.room.name')!;
    const { data, errors } = await gateway.execute(Context, { roomId: fixture.rooms.general, eventId: nameEvent.eventId, limit: 4 });
    expect(errors).toBeUndefined();
    const context = data!.room!.eventContext!;
    expect(context.event).toMatchObject({ eventId: nameEvent.eventId, type: 'm.room.name', sender: fixture.admin.userId, stateKey: '', content: { name: 'General' } });
    expect(context.eventsBefore).toHaveLength(2);
    expect(context.eventsAfter.length).toBeGreaterThanOrEqual(1);
    expect(context.eventsAfter.length).toBeLessThanOrEqual(2);
    const before = context.eventsBefore.map((e) => Date.parse(e.originServerTs!));
    expect(before).toEqual([...before].sort((a, b) => b - a));
    expect(context.state.map((e) => e.type)).toContain('m.room.create');
  });
});
