import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario, type Target } from './support/targets.js';

const DeleteTaskQuery = graphql(`
  query DeleteTaskQuery($deleteId: ID!) {
    deleteTask(deleteId: $deleteId) {
      deleteId roomId status rawStatus isTerminal error
      shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId }
    }
  }
`);

const RoomTasks = graphql(`
  query RoomTasks($roomId: ID!) {
    room(roomId: $roomId) { joinedMembers deleteTasks { deleteId roomId status isTerminal error shutdownRoom { kickedUsers } } }
  }
`);

/** Starts a v2 delete straight through Synapse's REST API, as a script would (the gateway's mutation is a later issue). */
async function startDelete(target: Target, roomId: string, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${target.url}/_synapse/admin/v2/rooms/${encodeURIComponent(roomId)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${target.fixture.admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { delete_id: string }).delete_id;
}

describeScenario('delete tasks', (target) => {
  let gateway: TestGateway;
  beforeAll(() => {
    gateway = createTestGateway(target().url, target().fixture.admin.token);
  });
  afterAll(() => gateway.close());

  /** Reads the task through the gateway, letting time pass between reads, until it is terminal; returns every read. */
  async function followUntilTerminal(deleteId: string) {
    const seen = [];
    for (let read = 0; read < 200; read++) {
      const { data, errors } = await gateway.execute(DeleteTaskQuery, { deleteId });
      expect(errors).toBeUndefined();
      seen.push(data!.deleteTask!);
      if (data!.deleteTask!.isTerminal) return seen;
      await target().elapse(25);
    }
    throw new Error(`task ${deleteId} never finished`);
  }

  it('follows a delete with a member and a new room to COMPLETE, with the member kicked', async () => {
    const { driver, fixture } = target();
    const roomId = await driver.createRoom(fixture.alice.token, { name: 'Doomed', alias: `doomed-${Date.now()}` });
    const deleteId = await startDelete(target(), roomId, { new_room_user_id: fixture.admin.userId, room_name: 'Moved', message: 'This room was closed' });
    const seen = await followUntilTerminal(deleteId);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ deleteId, roomId, status: 'COMPLETE', rawStatus: 'complete', isTerminal: true, error: null });
    expect(last.shutdownRoom!.kickedUsers).toContain(fixture.alice.userId);
    expect(last.shutdownRoom!.failedToKickUsers).toEqual([]);
    expect(last.shutdownRoom!.newRoomId).toMatch(/^!/);
    expect(last.shutdownRoom!.localAliases).toHaveLength(1);
    for (const read of seen.slice(0, -1)) expect(['SCHEDULED', 'ACTIVE']).toContain(read.status);
    // Purged: the room is gone.
    expect((await gateway.execute(RoomTasks, { roomId })).data!.room).toBeNull();
  });

  it('lists a room’s delete tasks, and reports why a failed one failed', async () => {
    const { driver, fixture } = target();
    const roomId = await driver.createRoom(fixture.alice.token, { name: 'Kept' });
    // Synapse does not check room_name's type up front: the task fails when it creates the new room.
    const failedId = await startDelete(target(), roomId, { new_room_user_id: fixture.admin.userId, room_name: 5, purge: false });
    const failed = (await followUntilTerminal(failedId)).at(-1)!;
    expect(failed).toMatchObject({ deleteId: failedId, status: 'FAILED', isTerminal: true, shutdownRoom: null });
    expect(failed.error).toBe("400: 'name' not a string type");

    const keptId = await startDelete(target(), roomId, { purge: false });
    const kept = (await followUntilTerminal(keptId)).at(-1)!;
    expect(kept).toMatchObject({ status: 'COMPLETE', error: null, shutdownRoom: { kickedUsers: [fixture.alice.userId] } });

    const { data, errors } = await gateway.execute(RoomTasks, { roomId });
    expect(errors).toBeUndefined();
    expect(data!.room!.joinedMembers).toBe(0);
    expect(data!.room!.deleteTasks).toEqual([
      { deleteId: failedId, roomId, status: 'FAILED', isTerminal: true, error: "400: 'name' not a string type", shutdownRoom: null },
      { deleteId: keptId, roomId, status: 'COMPLETE', isTerminal: true, error: null, shutdownRoom: { kickedUsers: [fixture.alice.userId] } },
    ]);
  });
});
