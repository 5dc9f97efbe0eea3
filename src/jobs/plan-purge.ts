import type { SynapseAdminClient } from '../synapse/client.js';
import type { NewJobItem, JobPhase } from '../store/jobs.js';
import { purgeReview } from './room-facts.js';
import { mapConcurrently } from './concurrently.js';

export interface EmptyRoomsPlan {
  items: NewJobItem[];
  /** Rooms the room list had, all pages walked (for the plan's summary). */
  roomsSeen: number;
}

/**
 * Every room no local user is in, from every page of the room list ordered by joined local members (so the walk
 * stops at the first room with one), minus `exclude`. Nothing is deleted here: these become the job's frozen items.
 */
export async function planEmptyRooms(
  client: SynapseAdminClient,
  options: { exclude: ReadonlySet<string>; pageSize: number; phase: JobPhase; /** Only these rooms (a decommission's users' rooms). */ only?: ReadonlySet<string> },
): Promise<EmptyRoomsPlan> {
  const empty = [];
  let roomsSeen = 0;
  for (let from = 0; ; ) {
    // Synapse sorts member counts largest first: backward is fewest first.
    const page = await client.rooms.list({ from, limit: options.pageSize, orderBy: 'joined_local_members', dir: 'b' });
    roomsSeen += page.rooms.length;
    const firstOccupied = page.rooms.findIndex((room) => (room.joined_local_members ?? 0) > 0);
    // A room without a member count (no stats row yet) is not known to be empty.
    empty.push(...(firstOccupied === -1 ? page.rooms : page.rooms.slice(0, firstOccupied)).filter((room) => room.joined_local_members === 0));
    if (firstOccupied !== -1 || page.next_batch == null || page.rooms.length === 0) break;
    from = Number(page.next_batch);
  }
  const targets = empty.filter((room) => !options.exclude.has(room.room_id) && (!options.only || options.only.has(room.room_id)));
  const reviews = await mapConcurrently(targets, 4, (room) => purgeReview(client, room));
  return {
    items: targets.map((room, index) => ({ phase: options.phase, action: 'DELETE_ROOM', target: room.room_id, review: reviews[index]! })),
    roomsSeen,
  };
}
