import type { GatewayClient } from './gateway-client.js';
import { ExportRoomEvents } from './operations.js';

export interface RoomEventsResult {
  /** Events written: the user's own membership changes and what happened while they were in the room. */
  written: number;
  /** Events of the room the user was not there for. */
  skipped: number;
  /** False when the room is gone (deleted since). */
  found: boolean;
}

/**
 * Pages a room's timeline from its start through the admin messages endpoint and keeps what the user could see
 * while they were in it: from each join to the next leave (their invites and leaves included). Synapse's own export
 * applies the room's history visibility too; this is the stricter, simpler reading.
 */
export async function exportRoomEvents(
  gateway: GatewayClient,
  roomId: string,
  userId: string,
  write: (events: unknown[]) => Promise<void>,
): Promise<RoomEventsResult> {
  let from: string | undefined;
  let joined = false;
  const result: RoomEventsResult = { written: 0, skipped: 0, found: true };
  for (;;) {
    const { room } = await gateway.execute(ExportRoomEvents, { roomId, from });
    if (!room) return { ...result, found: false };
    const kept: unknown[] = [];
    for (const event of room.messages.events) {
      const ownMembership = event.type === 'm.room.member' && event.stateKey === userId;
      if (ownMembership) {
        const membership = ((event.json as { content?: { membership?: unknown } }).content ?? {}).membership;
        joined = membership === 'join';
      }
      if (joined || ownMembership) kept.push(event.json);
    }
    result.written += kept.length;
    result.skipped += room.messages.events.length - kept.length;
    await write(kept);
    // Synapse leaves `end` out once there is nothing more. A page can be empty and still have an `end` (the events
    // it covered were all dropped, e.g. rejected ones): only a token that does not move ends the walk then.
    if (!room.messages.end || room.messages.end === from) return result;
    from = room.messages.end;
  }
}
