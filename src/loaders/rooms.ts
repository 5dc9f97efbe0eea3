import type DataLoader from 'dataloader';
import type { SynapseAdminClient } from '../synapse/client.js';
import { roomNotFound } from '../synapse/errors.js';
import type { BlockStatus, ClientEvent, EventContext, ForwardExtremities, RoomDetails, RoomListEntry } from '../synapse/rooms.js';
import { perKey, SettledEntities, type LoaderOptions } from './loader.js';

export interface RoomLoaders {
  /** List-level room fields: primed from list pages, else read from the room's details. */
  summary: DataLoader<string, RoomListEntry>;
  details: DataLoader<string, RoomDetails | null>;
  /** What the operation has of rooms already, for their fields to read without a promise. */
  settled: SettledEntities<RoomListEntry, RoomDetails>;
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
  const settled = new SettledEntities<RoomListEntry, RoomDetails>(options);
  const details = settled.detailsLoader((roomId) => synapse.rooms.details(roomId));
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
      settled.summaryArrived(room.room_id, room);
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
