import { z } from 'zod';
import { isUnrecognizedEndpoint, nullIfNotFound, type AdminApi } from './admin-api.js';
import { SynapseError } from './errors.js';
import { emptyObjectSchema, flag, optionalFlag, optionalInt, optionalString, pageToken, timestamp } from './fields.js';

/** What the user list gives for each user (creation_ts in ms there). */
const userSummarySchema = z.object({
  name: z.string(),
  displayname: optionalString,
  avatar_url: optionalString,
  admin: optionalFlag,
  deactivated: optionalFlag,
  erased: optionalFlag,
  locked: optionalFlag,
  shadow_banned: optionalFlag,
  is_guest: optionalFlag,
  user_type: optionalString,
  creation_ts: timestamp,
  last_seen_ts: timestamp,
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** A user's details: the summary's fields (creation_ts in seconds here) and what only details give. */
const userDetailsSchema = userSummarySchema.extend({
  suspended: optionalFlag,
  appservice_id: optionalString,
  consent_version: optionalString,
  consent_ts: timestamp,
  consent_server_notice_sent: optionalString,
  threepids: z
    .array(z.object({ medium: z.string(), address: z.string(), validated_at: timestamp, added_at: timestamp }))
    .nullish()
    .transform((v) => v ?? []),
  external_ids: z
    .array(z.object({ auth_provider: z.string(), external_id: z.string() }))
    .nullish()
    .transform((v) => v ?? []),
});
export type UserDetails = z.infer<typeof userDetailsSchema>;

const userListSchema = z.object({ users: z.array(userSummarySchema), total: z.number().int(), next_token: pageToken });
const userAdminSchema = z.object({ admin: flag });
const joinedRoomsSchema = z.object({ joined_rooms: z.array(z.string()) });
const membershipsSchema = z.object({ memberships: z.record(z.string(), z.string()) });

const deviceSchema = z.object({
  device_id: z.string(),
  display_name: optionalString,
  last_seen_ip: optionalString,
  last_seen_user_agent: optionalString,
  last_seen_ts: timestamp,
});
export type Device = z.infer<typeof deviceSchema>;
const devicesSchema = z.object({ devices: z.array(deviceSchema) });

const whoisSchema = z.object({
  user_id: z.string(),
  devices: z
    .record(
      z.string(),
      z.object({
        sessions: z.array(
          z.object({ connections: z.array(z.object({ ip: optionalString, last_seen: timestamp, user_agent: optionalString })).default([]) }),
        ),
      }),
    )
    .default({}),
});
export interface Session {
  ip: string | null;
  userAgent: string | null;
  lastSeenAt: Date | null;
}

const pusherSchema = z.object({
  kind: z.string(),
  app_id: z.string(),
  app_display_name: optionalString,
  device_display_name: optionalString,
  pushkey: z.string(),
  lang: optionalString,
  profile_tag: optionalString,
  data: z.unknown().nullish().transform((v) => v ?? null),
  enabled: flag.nullish().transform((v) => v ?? true),
  device_id: optionalString,
});
export type Pusher = z.infer<typeof pusherSchema>;
const pushersSchema = z.object({ pushers: z.array(pusherSchema) });

const mediaSchema = z.object({
  media_id: z.string(),
  media_type: optionalString,
  media_length: optionalInt,
  upload_name: optionalString,
  created_ts: timestamp,
  last_access_ts: timestamp,
  quarantined_by: optionalString,
  safe_from_quarantine: optionalFlag,
});
export type Media = z.infer<typeof mediaSchema>;
const mediaListSchema = z.object({ media: z.array(mediaSchema), total: z.number().int(), next_token: pageToken });

const accountDataSchema = z.object({
  account_data: z.object({
    global: z.record(z.string(), z.unknown()).default({}),
    rooms: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  }),
});
export type AccountData = z.infer<typeof accountDataSchema>['account_data'];

const rateLimitSchema = z.object({ messages_per_second: z.number().int().optional(), burst_count: z.number().int().optional() });
export interface RateLimit {
  messagesPerSecond: number;
  burstCount: number;
}

export type DeactivatedFilter = 'exclude' | 'include' | 'only';

export interface ListUsersParams {
  from: number;
  limit: number;
  /** Localpart or display name contains (Synapse's `name`). */
  search?: string;
  /** User ID contains (Synapse's `user_id`). */
  userId?: string;
  guests?: boolean;
  deactivated: DeactivatedFilter;
  admins?: boolean;
  /** Include locked accounts (Synapse leaves them out unless asked). */
  locked?: boolean;
  excludeUserTypes?: string[];
  orderBy?: string;
  dir?: 'f' | 'b';
}

export interface MediaPageParams {
  from: number;
  limit: number;
}

/** The users admin API (synapse/rest/admin/users.py, devices.py, media.py). */
export class UsersApi {
  constructor(private readonly api: AdminApi) {}

  /**
   * A page of users. The v3 list says what `deactivated` means plainly (only / exclude / absent: both); Synapse
   * without it gets the v2 list, which can include or exclude but not list only the deactivated.
   */
  async list(params: ListUsersParams) {
    const query = {
      from: params.from,
      limit: params.limit,
      name: params.search,
      user_id: params.userId,
      guests: params.guests,
      admins: params.admins,
      locked: params.locked,
      order_by: params.orderBy,
      dir: params.dir,
    };
    const notUserType = params.excludeUserTypes?.length ? { not_user_type: params.excludeUserTypes } : {};
    try {
      return await this.api.get(userListSchema, '/_synapse/admin/v3/users', undefined, {
        ...query,
        ...notUserType,
        deactivated: params.deactivated === 'include' ? undefined : params.deactivated === 'only',
      });
    } catch (error) {
      if (!isUnrecognizedEndpoint(error)) throw error;
    }
    if (params.deactivated === 'only') throw new SynapseError('BAD_USER_INPUT', 'This Synapse has no v3 user list: deactivated: ONLY needs Synapse 1.93 or later');
    return this.api.get(userListSchema, '/_synapse/admin/v2/users', undefined, { ...query, ...notUserType, deactivated: params.deactivated === 'include' });
  }

  details(userId: string): Promise<UserDetails | null> {
    return nullIfNotFound(this.api.get(userDetailsSchema, '/_synapse/admin/v2/users/{userId}', { userId }));
  }

  /** Whether a user is a server admin; a caller who is not an admin may not ask, which also answers the question. */
  async isAdmin(userId: string): Promise<boolean> {
    try {
      return (await this.api.get(userAdminSchema, '/_synapse/admin/v1/users/{userId}/admin', { userId })).admin;
    } catch (error) {
      if (error instanceof SynapseError && error.code === 'FORBIDDEN') return false;
      throw error;
    }
  }

  async joinedRooms(userId: string): Promise<string[]> {
    return (await this.api.get(joinedRoomsSchema, '/_synapse/admin/v1/users/{userId}/joined_rooms', { userId })).joined_rooms;
  }

  /** Room ID → membership (join, invite, leave, ban, knock). */
  async memberships(userId: string): Promise<Record<string, string>> {
    return (await this.api.get(membershipsSchema, '/_synapse/admin/v1/users/{userId}/memberships', { userId })).memberships;
  }

  async devices(userId: string): Promise<Device[]> {
    return (await this.api.get(devicesSchema, '/_synapse/admin/v2/users/{userId}/devices', { userId })).devices;
  }

  /** Every connection Synapse remembers (whois): one per access token and IP. */
  async sessions(userId: string): Promise<Session[]> {
    const whois = await this.api.get(whoisSchema, '/_synapse/admin/v1/whois/{userId}', { userId });
    return Object.values(whois.devices).flatMap((device) =>
      device.sessions.flatMap((session) => session.connections.map((c) => ({ ip: c.ip, userAgent: c.user_agent, lastSeenAt: c.last_seen }))),
    );
  }

  async pushers(userId: string): Promise<Pusher[]> {
    return (await this.api.get(pushersSchema, '/_synapse/admin/v1/users/{userId}/pushers', { userId })).pushers;
  }

  /** A page of the user's uploads, newest first. */
  media(userId: string, page: MediaPageParams) {
    return this.api.get(mediaListSchema, '/_synapse/admin/v1/users/{userId}/media', { userId }, { from: page.from, limit: page.limit, order_by: 'created_ts', dir: 'b' });
  }

  async accountData(userId: string): Promise<AccountData> {
    return (await this.api.get(accountDataSchema, '/_synapse/admin/v1/users/{userId}/accountdata', { userId })).account_data;
  }

  /** The user's rate-limit override, or null when there is none. */
  async rateLimit(userId: string): Promise<RateLimit | null> {
    const answer = await this.api.get(rateLimitSchema, '/_synapse/admin/v1/users/{userId}/override_ratelimit', { userId });
    if (answer.messages_per_second === undefined && answer.burst_count === undefined) return null;
    return { messagesPerSecond: answer.messages_per_second ?? 0, burstCount: answer.burst_count ?? 0 };
  }

  async deactivate(userId: string, erase: boolean): Promise<void> {
    await this.api.send(z.object({}).loose(), 'POST', '/_synapse/admin/v1/deactivate/{userId}', { userId }, { erase });
  }

  /** Through the v1 admin flag endpoint: unlike PUT v2, it never creates a user. */
  async setAdmin(userId: string, admin: boolean): Promise<void> {
    await this.api.send(emptyObjectSchema, 'PUT', '/_synapse/admin/v1/users/{userId}/admin', { userId }, { admin });
  }

  async resetPassword(userId: string, newPassword: string, logoutDevices: boolean): Promise<void> {
    await this.api.send(emptyObjectSchema, 'POST', '/_synapse/admin/v1/reset_password/{userId}', { userId }, { new_password: newPassword, logout_devices: logoutDevices });
  }

  /** PUT v2 creates unknown users: callers check the user exists first. */
  async setLocked(userId: string, locked: boolean): Promise<void> {
    await this.api.send(z.object({}).loose(), 'PUT', '/_synapse/admin/v2/users/{userId}', { userId }, { locked });
  }

  async setSuspended(userId: string, suspended: boolean): Promise<void> {
    await this.api.send(z.object({}).loose(), 'PUT', '/_synapse/admin/v1/suspend/{userId}', { userId }, { suspend: suspended });
  }

  async setShadowBanned(userId: string, banned: boolean): Promise<void> {
    await this.api.send(emptyObjectSchema, banned ? 'POST' : 'DELETE', '/_synapse/admin/v1/users/{userId}/shadow_ban', { userId }, banned ? {} : undefined);
  }

  async deleteDevice(userId: string, deviceId: string): Promise<void> {
    await this.api.send(emptyObjectSchema, 'DELETE', '/_synapse/admin/v2/users/{userId}/devices/{deviceId}', { userId, deviceId });
  }

  async setRateLimit(userId: string, limit: RateLimit): Promise<void> {
    await this.api.send(rateLimitSchema, 'POST', '/_synapse/admin/v1/users/{userId}/override_ratelimit', { userId }, { messages_per_second: limit.messagesPerSecond, burst_count: limit.burstCount });
  }

  async clearRateLimit(userId: string): Promise<void> {
    await this.api.send(emptyObjectSchema, 'DELETE', '/_synapse/admin/v1/users/{userId}/override_ratelimit', { userId });
  }
}
