import { describe, expect, it } from 'vitest';
import { readRoomState } from '../src/jobs/room-facts.js';
import type { SynapseAdminClient } from '../src/synapse/client.js';
import type { ClientEvent, RoomMessages } from '../src/synapse/rooms.js';

const event = (type: string, stateKey: string, content: Record<string, unknown>): ClientEvent =>
  ({ event_id: `$${type}`, type, state_key: stateKey, sender: '@creator:test', origin_server_ts: null, content, raw: {} }) as ClientEvent;

/** A client whose state and history reads wait until the test answers them, noting the order they were asked in. */
function heldClient() {
  const asked: string[] = [];
  const answers: { state?: (events: ClientEvent[]) => void; stateFails?: (error: Error) => void; page?: (page: RoomMessages) => void; pageFails?: (error: Error) => void } = {};
  const client = {
    rooms: {
      state: () => {
        asked.push('state');
        return new Promise<ClientEvent[]>((resolve, reject) => Object.assign(answers, { state: resolve, stateFails: reject }));
      },
      messages: () => {
        asked.push('history');
        return new Promise<RoomMessages>((resolve, reject) => Object.assign(answers, { page: resolve, pageFails: reject }));
      },
    },
  } as unknown as SynapseAdminClient;
  return { client, asked, answers };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("a room's state for its recovery facts", () => {
  it('reads the history after an empty current state, unless the room is expected empty: then both at once', async () => {
    const later = heldClient();
    const reading = readRoomState(later.client, '!r:test');
    await turn();
    expect(later.asked).toEqual(['state']);
    later.answers.state!([]);
    await turn();
    expect(later.asked).toEqual(['state', 'history']);
    later.answers.page!({ chunk: [event('m.room.name', '', { name: 'Old' }), event('m.room.create', '', {})], start: 's', end: null } as RoomMessages);
    expect((await reading).state.name).toBe('Old');

    const together = heldClient();
    const readingTogether = readRoomState(together.client, '!r:test', { emptyExpected: true });
    await turn();
    expect(together.asked).toEqual(['history', 'state']);
    together.answers.page!({ chunk: [event('m.room.name', '', { name: 'Old' }), event('m.room.create', '', {})], start: 's', end: null } as RoomMessages);
    together.answers.state!([]);
    expect(await readingTogether).toMatchObject({ source: 'room history', state: { name: 'Old' } });
  });

  it('uses the current state when someone is in the room after all, whatever became of the history page read with it', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const held = heldClient();
      const reading = readRoomState(held.client, '!r:test', { emptyExpected: true });
      await turn();
      held.answers.state!([event('m.room.name', '', { name: 'Now' })]);
      expect(await reading).toMatchObject({ source: 'current state', state: { name: 'Now' } });
      held.answers.pageFails!(new Error('history refused'));
      await turn();
      await turn();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
