import type DataLoader from 'dataloader';
import type { SynapseAdminClient } from '../synapse/client.js';
import { roomNotFound } from '../synapse/errors.js';
import type { BlockStatus, ClientEvent, EventContext, ForwardExtremities, RoomDetails, RoomListEntry } from '../synapse/rooms.js';
import { perKey, type LoaderOptions } from './loader.js';

export interface RoomLoaders {
  /** List-level room fields: primed from list pages, else read from the room's details. */
  summary: DataLoader<string, RoomListEntry>;
  details: DataLoader<string, RoomDetails | null>;
  /** What the operation has of rooms already, for fields to read without a promise: list-level fields, details. */
  settled: { summaries: ReadonlyMap<string, RoomListEntry>; details: ReadonlyMap<string, RoomDetails> };
  /** A room as a list page has it: its list-level fields need no call. */
  primeSummary(room: RoomListEntry): void;
  /** A room's details, or NOT_FOUND when it vanished (e.g. deleted since the list was read). */
  existing(roomId: string): Promise<RoomDetails>;
  members: DataLoader<string, string[]>;
  state: DataLoader<string, ClientEvent[]>;
  block: DataLoader<string, BlockStatus>;
  forwardExtremities: DataLoader<string, ForwardExtremities>;
  /** Keyed by eventContextKey(roomId, eventId, limit). */
  eventContext: DataLoader<string, EventContext | null>;
}

export function createRoomLoaders(synapse: SynapseAdminClient, options: LoaderOptions): RoomLoaders {
  // Most of a room's fields read what its first field loaded, and a promise per field costs the executor more than
  // the field: what has arrived is kept here too. A list page's entry wins over the details for the list-level
  // fields, as it does in the summary loader. Uncached (the naive mode), nothing is kept.
  const settled = { summaries: new Map<string, RoomListEntry>(), details: new Map<string, RoomDetails>() };
  const details = perKey(async (roomId) => {
    const room = await synapse.rooms.details(roomId);
    if (room && options.cache) {
      settled.details.set(roomId, room);
      if (!settled.summaries.has(roomId)) settled.summaries.set(roomId, room);
    }
    return room;
  }, options);
  const existing = async (roomId: string) => {
    const room = await details.load(roomId);
    if (!room) throw roomNotFound(roomId);
    return room;
  };
  const summary = perKey<RoomListEntry>(existing, options);
  return {
    summary,
    details,
    settled,
    primeSummary: (room) => {
      summary.prime(room.room_id, room);
      if (options.cache) settled.summaries.set(room.room_id, room);
    },
    existing,
    members: perKey((roomId) => synapse.rooms.members(roomId), options),
    state: perKey((roomId) => synapse.rooms.state(roomId), options),
    block: perKey((roomId) => synapse.rooms.blockStatus(roomId), options),
    forwardExtremities: perKey((roomIdOrAlias) => synapse.rooms.forwardExtremities(roomIdOrAlias), options),
    eventContext: perKey((key) => {
      const [roomId, eventId, limit] = JSON.parse(key) as [string, string, number | null];
      return synapse.rooms.eventContext(roomId, eventId, limit ?? undefined);
    }, options),
  };
}

/** Event contexts are cached per (room, event, limit); the loader key carries all three. */
export function eventContextKey(roomId: string, eventId: string, limit: number | null | undefined): string {
  return JSON.stringify([roomId, eventId, limit ?? null]);
}
