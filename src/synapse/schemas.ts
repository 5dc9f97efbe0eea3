import { z } from 'zod';

// Every Synapse answer is parsed here. Objects are non-strict (extra fields are dropped, never fatal) and fields
// that appeared in later Synapse versions are optional, so an older or newer server never fails a query.

const flag = z.union([z.boolean(), z.number()]).transform(Boolean);
const optionalString = z.string().nullish().transform((v) => v ?? null);
const optionalInt = z.number().int().nullish().transform((v) => v ?? null);
// Synapse mixes units: user details give creation_ts in seconds, lists and events in milliseconds. Anything below
// 1e11 (1973 in ms, year 5138 in s) is read as seconds.
const timestamp = z
  .number()
  .nullish()
  .transform((v) => (v == null ? null : new Date(v < 1e11 ? v * 1000 : v)));

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

export const roomListSchema = z.object({
  rooms: z.array(roomListEntrySchema),
  offset: z.number().int().nullish(),
  total_rooms: z.number().int(),
  next_batch: z.union([z.number(), z.string()]).nullish(),
  prev_batch: z.union([z.number(), z.string()]).nullish(),
});
export type RoomList = z.infer<typeof roomListSchema>;

export const roomDetailsSchema = roomListEntrySchema.extend({
  avatar: optionalString,
  topic: optionalString,
  joined_local_devices: optionalInt,
  forgotten: flag.nullish().transform((v) => v ?? null),
  // tombstoned and replacement_room arrived in Synapse 1.153.
  tombstoned: flag.nullish().transform((v) => v ?? null),
  replacement_room: optionalString,
});
export type RoomDetails = z.infer<typeof roomDetailsSchema>;

export const roomMembersSchema = z.object({ members: z.array(z.string()), total: z.number().int().nullish() });

export const clientEventSchema = z.object({
  event_id: z.string(),
  type: z.string(),
  state_key: z.string().nullish().transform((v) => v ?? null),
  sender: z.string(),
  origin_server_ts: timestamp,
  content: z.record(z.string(), z.unknown()).default({}),
});
export type ClientEvent = z.infer<typeof clientEventSchema>;

export const roomStateSchema = z.object({ state: z.array(clientEventSchema) });

export const blockStatusSchema = z.object({
  block: flag,
  user_id: optionalString,
});
export type BlockStatus = z.infer<typeof blockStatusSchema>;

export const shutdownResultSchema = z.object({
  kicked_users: z.array(z.string()).default([]),
  failed_to_kick_users: z.array(z.string()).default([]),
  local_aliases: z.array(z.string()).default([]),
  new_room_id: optionalString,
});
export type ShutdownResult = z.infer<typeof shutdownResultSchema>;

export const deleteStatusSchema = z.object({
  delete_id: z.string(),
  room_id: optionalString, // only since Synapse 1.131
  status: z.string(),
  shutdown_room: shutdownResultSchema.nullish().transform((v) => v ?? null),
});
export type DeleteStatus = z.infer<typeof deleteStatusSchema>;

export const deleteStatusListSchema = z.object({ results: z.array(deleteStatusSchema) });

export const scheduledTaskSchema = z.object({
  id: z.string(),
  action: z.string(),
  status: z.string(),
  timestamp_ms: z.number().nullish(),
  resource_id: optionalString,
  result: z.unknown().nullish(),
  error: optionalString,
});
export type ScheduledTask = z.infer<typeof scheduledTaskSchema>;

export const scheduledTasksSchema = z.object({ scheduled_tasks: z.array(scheduledTaskSchema) });

export const whoamiSchema = z.object({ user_id: z.string() });
export const userAdminSchema = z.object({ admin: flag });
export const serverVersionSchema = z.object({ server_version: z.string() });

export const userSchema = z.object({
  name: z.string(),
  displayname: optionalString,
  avatar_url: optionalString,
  admin: flag.nullish().transform((v) => v ?? false),
  deactivated: flag.nullish().transform((v) => v ?? false),
  erased: flag.nullish().transform((v) => v ?? false),
  locked: flag.nullish().transform((v) => v ?? false),
  shadow_banned: flag.nullish().transform((v) => v ?? false),
  is_guest: flag.nullish().transform((v) => v ?? false),
  user_type: optionalString,
  creation_ts: timestamp,
  last_seen_ts: timestamp,
});
export type SynapseUser = z.infer<typeof userSchema>;

export const errorBodySchema = z.object({
  errcode: z.string().optional(),
  error: z.string().optional(),
  retry_after_ms: z.number().optional(),
});

export const blockChangeSchema = z.object({ block: flag });
export const deleteStartedSchema = z.object({ delete_id: z.string() });
export const emptyObjectSchema = z.object({});

export const forwardExtremitiesSchema = z.object({
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

export const deletedCountSchema = z.object({ deleted: z.number().int() });

export const eventContextSchema = z.object({
  events_before: z.array(clientEventSchema),
  event: clientEventSchema,
  events_after: z.array(clientEventSchema),
  state: z.array(clientEventSchema).default([]),
});
export type EventContext = z.infer<typeof eventContextSchema>;
