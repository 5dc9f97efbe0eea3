import { z } from 'zod';
import { nullIfNotFound, type AdminApi } from './admin-api.js';
import { emptyObjectSchema, flag, jsonObject, optionalInt, optionalString, timestamp } from './fields.js';

export const roomListEntrySchema = z.object({
  room_id: z.string(),
  name: optionalString,
  canonical_alias: optionalString,
  joined_members: optionalInt,
  joined_local_members: optionalInt,
  version: optionalString,
  creator: optionalString,
  encryption: optionalString,
  federatable: flag.nullish().transform((v) => v ?? true),
  public: flag.nullish().transform((v) => v ?? false),
  join_rules: optionalString,
  guest_access: optionalString,
  history_visibility: optionalString,
  state_events: optionalInt,
  room_type: optionalString,
});
export type RoomListEntry = z.infer<typeof roomListEntrySchema>;

const roomListSchema = z.object({
  rooms: z.array(roomListEntrySchema),
  offset: z.number().int().nullish(),
  total_rooms: z.number().int(),
  next_batch: z.union([z.number(), z.string()]).nullish(),
  prev_batch: z.union([z.number(), z.string()]).nullish(),
});
export type RoomList = z.infer<typeof roomListSchema>;

const roomDetailsSchema = roomListEntrySchema.extend({
  avatar: optionalString,
  topic: optionalString,
  joined_local_devices: optionalInt,
  forgotten: flag.nullish().transform((v) => v ?? null),
  // tombstoned and replacement_room arrived in Synapse 1.153.
  tombstoned: flag.nullish().transform((v) => v ?? null),
  replacement_room: optionalString,
});
export type RoomDetails = z.infer<typeof roomDetailsSchema>;

const localAliasesSchema = z.object({ aliases: z.array(z.string()) });
const roomMembersSchema = z.object({ members: z.array(z.string()), total: z.number().int().nullish() });

const clientEventFields = z.object({
  event_id: z.string(),
  type: z.string(),
  state_key: z.string().nullish().transform((v) => v ?? null),
  sender: z.string(),
  origin_server_ts: timestamp,
  content: jsonObject.default({}),
});
/** An event's fields the gateway reads, and the whole event as Synapse sent it (exports keep every key). */
export const clientEventSchema = jsonObject.transform((raw, ctx) => {
  const parsed = clientEventFields.safeParse(raw);
  if (parsed.success) return { ...parsed.data, raw };
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});
export type ClientEvent = z.infer<typeof clientEventSchema>;

const roomStateSchema = z.object({ state: z.array(clientEventSchema) });

const blockStatusSchema = z.object({ block: flag, user_id: optionalString });
export type BlockStatus = z.infer<typeof blockStatusSchema>;
const blockChangeSchema = z.object({ block: flag });

const forwardExtremitiesSchema = z.object({
  count: z.number().int(),
  results: z.array(
    z.object({
      event_id: z.string(),
      state_group: z.number().int().nullish().transform((v) => v ?? null),
      depth: z.number().int(),
      received_ts: timestamp,
    }),
  ),
});
export type ForwardExtremities = z.infer<typeof forwardExtremitiesSchema>;
const deletedCountSchema = z.object({ deleted: z.number().int() });

const eventContextSchema = z.object({
  events_before: z.array(clientEventSchema),
  event: clientEventSchema,
  events_after: z.array(clientEventSchema),
  state: z.array(clientEventSchema).default([]),
});
export type EventContext = z.infer<typeof eventContextSchema>;

const messagesSchema = z.object({
  chunk: z.array(clientEventSchema),
  start: z.string().nullish(),
  end: z.string().nullish(),
});
export type RoomMessages = z.infer<typeof messagesSchema>;

const joinedSchema = z.object({ room_id: z.string() });

export interface ListRoomsParams {
  from: number;
  limit: number;
  orderBy?: string;
  dir?: 'f' | 'b';
  searchTerm?: string;
  publicRooms?: boolean;
  emptyRooms?: boolean;
}

/** The rooms admin API (synapse/rest/admin/rooms.py). */
export class RoomsApi {
  constructor(private readonly api: AdminApi) {}

  list(params: ListRoomsParams): Promise<RoomList> {
    return this.api.get(roomListSchema, '/_synapse/admin/v1/rooms', undefined, {
      from: params.from,
      limit: params.limit,
      order_by: params.orderBy,
      dir: params.dir,
      search_term: params.searchTerm,
      public_rooms: params.publicRooms,
      empty_rooms: params.emptyRooms,
    });
  }

  details(roomId: string): Promise<RoomDetails | null> {
    return nullIfNotFound(this.api.get(roomDetailsSchema, '/_synapse/admin/v1/rooms/{roomId}', { roomId }));
  }

  async members(roomId: string): Promise<string[]> {
    return (await this.api.get(roomMembersSchema, '/_synapse/admin/v1/rooms/{roomId}/members', { roomId })).members;
  }

  async state(roomId: string): Promise<ClientEvent[]> {
    return (await this.api.get(roomStateSchema, '/_synapse/admin/v1/rooms/{roomId}/state', { roomId })).state;
  }

  blockStatus(roomId: string): Promise<BlockStatus> {
    return this.api.get(blockStatusSchema, '/_synapse/admin/v1/rooms/{roomId}/block', { roomId });
  }

  /** Blocks or unblocks (idempotent; unknown rooms too), then reads back who blocked it. */
  async setBlocked(roomId: string, block: boolean): Promise<BlockStatus> {
    await this.api.send(blockChangeSchema, 'PUT', '/_synapse/admin/v1/rooms/{roomId}/block', { roomId }, { block });
    return this.blockStatus(roomId);
  }

  async makeRoomAdmin(roomIdOrAlias: string, userId: string | undefined): Promise<void> {
    await this.api.send(emptyObjectSchema, 'POST', '/_synapse/admin/v1/rooms/{room}/make_room_admin', { room: roomIdOrAlias }, userId === undefined ? {} : { user_id: userId });
  }

  forwardExtremities(roomIdOrAlias: string): Promise<ForwardExtremities> {
    return this.api.get(forwardExtremitiesSchema, '/_synapse/admin/v1/rooms/{room}/forward_extremities', { room: roomIdOrAlias });
  }

  async deleteForwardExtremities(roomIdOrAlias: string): Promise<number> {
    return (await this.api.send(deletedCountSchema, 'DELETE', '/_synapse/admin/v1/rooms/{room}/forward_extremities', { room: roomIdOrAlias })).deleted;
  }

  /** Events around one event, or null when the room or the event is unknown (Synapse says 404 either way). */
  eventContext(roomId: string, eventId: string, limit: number | undefined): Promise<EventContext | null> {
    // An unknown room answers 404 M_UNKNOWN ("No row found"), an unknown event 404 M_NOT_FOUND.
    return nullIfNotFound(this.api.get(eventContextSchema, '/_synapse/admin/v1/rooms/{roomId}/context/{eventId}', { roomId, eventId }, { limit }));
  }

  /** A page of the room's timeline, oldest first from `from` (a stream token) with dir 'f'. */
  messages(roomId: string, page: { from?: string; limit: number; dir: 'f' | 'b' }): Promise<RoomMessages> {
    return this.api.get(messagesSchema, '/_synapse/admin/v1/rooms/{roomId}/messages', { roomId }, { from: page.from, limit: page.limit, dir: page.dir });
  }

  /** The local aliases pointing at a room (the client API lets server admins read them for any room). */
  async localAliases(roomId: string): Promise<string[]> {
    return (await this.api.get(localAliasesSchema, '/_matrix/client/v3/rooms/{roomId}/aliases', { roomId })).aliases;
  }

  /** Joins a local user to a room (by ID or alias) the server is in; returns the room ID. */
  async joinUser(roomIdOrAlias: string, userId: string): Promise<string> {
    return (await this.api.send(joinedSchema, 'POST', '/_synapse/admin/v1/join/{room}', { room: roomIdOrAlias }, { user_id: userId })).room_id;
  }
}
