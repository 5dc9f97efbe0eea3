import type { Homeserver, SimUser } from '../homeserver.js';
import { adminPrefix as admin, booleanField, compareSqlite, HttpError, invalidParam, jsonObject, notFound, offsetPage, parseBoolean, parseEnum, requireParams, route, unknown400, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

const userOrderings = ['name', 'displayname', 'is_guest', 'admin', 'deactivated', 'user_type', 'avatar_url', 'shadow_banned', 'creation_ts', 'last_seen_ts', 'locked'] as const;
const mediaOrderings = ['media_id', 'upload_name', 'created_ts', 'last_access_ts', 'media_length', 'media_type', 'quarantined_by', 'safe_from_quarantine'] as const;

/** The users admin API (users.py, devices.py, media.py), with Synapse's checks in Synapse's order. */
export function userRoutes(sim: SynapseSimulator, { withV3List }: { withV3List: boolean }): Route[] {
  const { hs } = sim;
  /** UserID.from_string, then is_mine, then the lookup: the order most user endpoints use. */
  const localUser = (userId: string, remote: string, unknown = 'User not found'): SimUser => {
    parseUserId(userId);
    if (!hs.isMine(userId)) throw unknown400(remote);
    const user = hs.users.get(userId);
    if (!user) throw notFound(unknown);
    return user;
  };
  /** is_mine_id first (a colon-less ID is "remote"), as shadow_ban, override_ratelimit and accountdata do. */
  const mineFirst = (userId: string, remote: string): string => {
    if (!userId.includes(':') || !hs.isMine(userId)) throw unknown400(remote);
    return userId;
  };

  return [
    route('users/list', 'GET', `${admin}/v2/users`, 'admin', ({ query }) => [200, listUsers(hs, query, 'v2')]),
    ...(withV3List ? [route('users/list', 'GET', `${admin}/v3/users`, 'admin', ({ query }) => [200, listUsers(hs, query, 'v3')])] : []),
    route('users/details', 'GET', `${admin}/v2/users/([^/]*)`, 'admin', ({ params }) => [200, userDetails(localUser(params[0]!, 'Can only look up local users'))]),
    route('users/details', 'PUT', `${admin}/v2/users/([^/]*)`, 'admin', ({ params, body, requester }) => {
      const userId = params[0]!;
      const object = jsonObject(body);
      parseUserId(userId);
      if (!hs.isMine(userId)) throw unknown400('This endpoint can only be used with local users');
      const flag = (name: string) => {
        const value = object[name];
        if (value !== undefined && typeof value !== 'boolean') throw unknown400(`'${name}' parameter is not of type boolean`);
        return value as boolean | undefined;
      };
      const adminFlag = booleanField(object, 'admin', false);
      const deactivated = flag('deactivated');
      const locked = flag('locked');
      if (deactivated && locked) throw unknown400("An user can't be deactivated and locked");
      const existing = hs.users.get(userId);
      if (!existing) {
        // Synapse creates a user it does not know: the gateway checks first, so this only runs when asked to.
        const created = hs.createUser(userId.slice(1, userId.indexOf(':')), { admin: adminFlag });
        return [201, userDetails(created)];
      }
      if ('admin' in object && existing.admin !== adminFlag) {
        if (userId === requester && !adminFlag) throw unknown400('You may not demote yourself.');
        existing.admin = adminFlag;
      }
      if (deactivated === true && !existing.deactivated) {
        hs.deactivate(existing.userId, false);
        sim.recordDeactivation(existing.userId);
      }
      if (deactivated === false) existing.deactivated = false;
      if (locked !== undefined) existing.locked = locked;
      if (typeof object.displayname === 'string') hs.setDisplayName(existing.userId, object.displayname.trim() || null);
      return [200, userDetails(existing)];
    }),
    route('users/admin', 'GET', `${admin}/v1/users/([^/]*)/admin`, 'admin', ({ params }) => {
      parseUserId(params[0]!);
      if (!hs.isMine(params[0]!)) throw unknown400('Only local users can be admins of this homeserver');
      return [200, { admin: hs.users.get(params[0]!)?.admin ?? false }];
    }),
    route('users/admin', 'PUT', `${admin}/v1/users/([^/]*)/admin`, 'admin', ({ params, body, requester }) => {
      const userId = params[0]!;
      parseUserId(userId);
      const object = jsonObject(body);
      requireParams(object, ['admin']);
      if (!hs.isMine(userId)) throw unknown400('Only local users can be admins of this homeserver');
      // Synapse reads the flag with bool(): "false" is true.
      const value = Boolean(object.admin) && !(Array.isArray(object.admin) && object.admin.length === 0);
      if (userId === requester && !value) throw unknown400('You may not demote yourself.');
      const user = hs.users.get(userId);
      if (!user) throw new HttpError(404, 'M_UNKNOWN', 'No row found (users)');
      user.admin = value;
      return [200, {}];
    }),
    route('users/deactivate', 'POST', `${admin}/v1/deactivate/([^/]*)`, 'admin', ({ params, body }) => {
      const user = localUser(params[0]!, 'Can only deactivate local users');
      const object = jsonObject(body, { allowEmpty: true });
      const erase = booleanField(object, 'erase', false);
      hs.deactivate(user.userId, erase);
      sim.recordDeactivation(user.userId);
      return [200, { id_server_unbind_result: 'success' }];
    }),
    route('users/reset_password', 'POST', `${admin}/v1/reset_password/([^/]*)`, 'admin', ({ params, body }) => {
      const userId = params[0]!;
      parseUserId(userId);
      const object = jsonObject(body);
      requireParams(object, ['new_password']);
      if (typeof object.new_password !== 'string') throw new HttpError(500, 'M_UNKNOWN', 'Internal server error');
      const user = hs.users.get(userId);
      if (!user || !hs.isMine(userId)) throw notFound('Unknown user');
      user.password = object.new_password;
      // Truthiness, as Synapse reads it.
      if (object.logout_devices ?? true) hs.logout(userId);
      return [200, {}];
    }),
    route('users/suspend', 'PUT', `${admin}/v1/suspend/([^/]*)`, 'admin', ({ params, body }) => {
      const user = localUser(params[0]!, 'Can only suspend local users');
      const object = jsonObject(body);
      if (!('suspend' in object)) throw new HttpError(400, 'M_MISSING_PARAM', '1 validation error for SuspendBody\nsuspend\n  Field required');
      if (typeof object.suspend !== 'boolean') throw new HttpError(400, 'M_BAD_JSON', '1 validation error for SuspendBody\nsuspend\n  Input should be a valid boolean');
      user.suspended = object.suspend;
      return [200, { [`user_${user.userId}_suspended`]: object.suspend }];
    }),
    ...(['POST', 'DELETE'] as const).map((method) =>
      route('users/shadow_ban', method, `${admin}/v1/users/([^/]*)/shadow_ban`, 'admin', ({ params }) => {
        const userId = mineFirst(params[0]!, 'Only local users can be shadow-banned');
        parseUserId(userId);
        const user = hs.users.get(userId);
        if (!user) throw new HttpError(404, 'M_UNKNOWN', 'No row found (users)');
        user.shadowBanned = method === 'POST';
        return [200, {}];
      }),
    ),
    route('users/override_ratelimit', 'GET', `${admin}/v1/users/([^/]*)/override_ratelimit`, 'admin', ({ params }) => {
      const user = existing(hs, mineFirst(params[0]!, 'Can only look up local users'));
      return [200, user.rateLimit ? { messages_per_second: user.rateLimit.messagesPerSecond, burst_count: user.rateLimit.burstCount } : {}];
    }),
    route('users/override_ratelimit', 'POST', `${admin}/v1/users/([^/]*)/override_ratelimit`, 'admin', ({ params, body }) => {
      const user = existing(hs, mineFirst(params[0]!, 'Only local users can be ratelimited'));
      const object = jsonObject(body, { allowEmpty: true });
      const count = (name: string) => {
        const value = object[name] ?? 0;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidParam(`${JSON.stringify(value)} parameter must be a positive int`);
        return value;
      };
      user.rateLimit = { messagesPerSecond: count('messages_per_second'), burstCount: count('burst_count') };
      return [200, { messages_per_second: user.rateLimit.messagesPerSecond, burst_count: user.rateLimit.burstCount }];
    }),
    route('users/override_ratelimit', 'DELETE', `${admin}/v1/users/([^/]*)/override_ratelimit`, 'admin', ({ params }) => {
      existing(hs, mineFirst(params[0]!, 'Only local users can be ratelimited')).rateLimit = null;
      return [200, {}];
    }),
    route('users/accountdata', 'GET', `${admin}/v1/users/([^/]*)/accountdata`, 'admin', ({ params }) => {
      const user = existing(hs, mineFirst(params[0]!, 'Can only look up local users'));
      return [200, { account_data: user.accountData }];
    }),
    route('users/pushers', 'GET', `${admin}/v1/users/([^/]*)/pushers`, 'admin', ({ params }) => {
      const user = localUser(params[0]!, 'Can only look up local users');
      const pushers = user.pushers.map((p) => ({
        app_display_name: p.appDisplayName,
        app_id: p.appId,
        data: p.data,
        device_display_name: p.deviceDisplayName,
        kind: p.kind,
        lang: p.lang,
        profile_tag: p.profileTag,
        pushkey: p.pushkey,
        enabled: true,
        device_id: p.deviceId,
      }));
      return [200, { pushers, total: pushers.length }];
    }),
    // Neither validates the user ID nor checks that the user exists.
    route('users/joined_rooms', 'GET', `${admin}/v1/users/([^/]*)/joined_rooms`, 'admin', ({ params }) => {
      // From the membership index, as Synapse answers it (not a scan of every room's members).
      const rooms = hs.joinedRoomsOf(params[0]!);
      return [200, { joined_rooms: rooms, total: rooms.length }];
    }),
    route('users/memberships', 'GET', `${admin}/v1/users/([^/]*)/memberships`, 'admin', ({ params }) => {
      const memberships: Record<string, string> = {};
      for (const room of hs.rooms.values()) {
        const membership = hs.stateContent(room, 'm.room.member', params[0]!)?.membership;
        if (typeof membership === 'string') memberships[room.roomId] = membership;
      }
      return [200, { memberships }];
    }),
    route('users/devices', 'GET', `${admin}/v2/users/([^/]*)/devices`, 'admin', ({ params }) => {
      const user = localUser(params[0]!, 'Can only lookup local users', 'Unknown user');
      const devices = [...user.devices.values()].map((d) => device(user, d));
      return [200, { devices, total: devices.length }];
    }),
    route('users/device', 'GET', `${admin}/v2/users/([^/]*)/devices/([^/]*)`, 'admin', ({ params }) => {
      const user = localUser(params[0]!, 'Can only lookup local users', 'Unknown user');
      const found = user.devices.get(params[1]!);
      if (!found) throw notFound('Not found');
      return [200, device(user, found)];
    }),
    route('users/device', 'DELETE', `${admin}/v2/users/([^/]*)/devices/([^/]*)`, 'admin', ({ params }) => {
      const user = localUser(params[0]!, 'Can only lookup local users', 'Unknown user');
      // An unknown device is deleted without complaint.
      if (user.devices.delete(params[1]!)) {
        for (const [token, deviceId] of [...hs.deviceOfToken]) if (deviceId === params[1] && hs.tokens.get(token) === user.userId) hs.tokens.delete(token);
        user.pushers = user.pushers.filter((p) => p.deviceId !== params[1]);
      }
      return [200, {}];
    }),
    route('whois', 'GET', `${admin}/v1/whois/([^/]*)`, 'admin', ({ params }) => {
      const userId = params[0]!;
      parseUserId(userId);
      if (!hs.isMine(userId)) throw unknown400('Can only whois a local user');
      const connections = (hs.users.get(userId)?.connections ?? []).map((c) => ({ ip: c.ip, last_seen: c.lastSeen, user_agent: c.userAgent }));
      return [200, { user_id: userId, devices: { '': { sessions: [{ connections }] } } }];
    }),
    route('users/media', 'GET', `${admin}/v1/users/([^/]*)/media`, 'admin', ({ params, query }) => {
      const user = localUser(params[0]!, 'Can only look up local users', 'Unknown user');
      // Neither order_by nor dir: newest first; else order_by (default created_ts) and dir (default f).
      const plain = query.get('order_by') === null && query.get('dir') === null;
      const orderBy = parseEnum(query, 'order_by', mediaOrderings, 'created_ts');
      const dir = plain ? 'b' : parseEnum(query, 'dir', ['b', 'f'] as const, 'f');
      const rows = user.media.map((m) => ({
        media_id: m.mediaId,
        media_type: m.mediaType,
        media_length: m.mediaLength,
        upload_name: m.uploadName,
        created_ts: m.createdTs,
        url_cache: null,
        last_access_ts: m.lastAccessTs,
        quarantined_by: m.quarantinedBy,
        safe_from_quarantine: m.safeFromQuarantine,
        user_id: user.userId,
        authenticated: true,
        sha256: null,
      }));
      const sign = dir === 'b' ? -1 : 1;
      rows.sort((a, b) => sign * (compareSqlite(a[orderBy], b[orderBy]) || 0) || compareSqlite(a.media_id, b.media_id));
      const { page, total, nextToken } = offsetPage(rows, query);
      // An integer here, unlike the users list's string.
      return [200, { media: page, total, ...(nextToken ? { next_token: Number(nextToken) } : {}) }];
    }),
  ];
}

/** UserID.from_string. */
function parseUserId(userId: string): void {
  if (!userId.startsWith('@')) throw invalidParam("Expected UserID string to start with '@'");
  if (!userId.includes(':')) throw invalidParam("Expected UserID of the form '@localname:domain'");
}

function existing(hs: Homeserver, userId: string): SimUser {
  const user = hs.users.get(userId);
  if (!user) throw notFound('User not found');
  return user;
}

function device(user: SimUser, d: { deviceId: string; displayName: string | null; lastSeenIp: string | null; lastSeenUserAgent: string | null; lastSeenTs: number | null }) {
  return { user_id: user.userId, device_id: d.deviceId, display_name: d.displayName, last_seen_ip: d.lastSeenIp, last_seen_user_agent: d.lastSeenUserAgent, last_seen_ts: d.lastSeenTs };
}

function listUsers(hs: Homeserver, query: URLSearchParams, version: 'v2' | 'v3') {
  const name = query.get('name');
  const userIdTerm = query.get('user_id');
  const guests = parseBoolean(query, 'guests') ?? true;
  const deactivated = parseBoolean(query, 'deactivated');
  const locked = parseBoolean(query, 'locked') ?? false;
  const admins = parseBoolean(query, 'admins');
  const notUserTypes = query.getAll('not_user_type');
  const orderBy = parseEnum(query, 'order_by', userOrderings, 'name');
  const dir = parseEnum(query, 'dir', ['b', 'f'] as const, 'f');

  let users = [...hs.users.values()];
  if (name !== null) {
    const term = name.toLowerCase();
    users = users.filter((u) => u.userId.slice(1, u.userId.indexOf(':')).toLowerCase().includes(term) || (u.displayName ?? '').toLowerCase().includes(term));
  } else if (userIdTerm !== null) users = users.filter((u) => u.userId.toLowerCase().includes(userIdTerm.toLowerCase()));
  if (!guests) users = users.filter((u) => !u.isGuest);
  // v2: true includes the deactivated, absent or false leaves them out; v3: true only them, false none, absent both.
  if (version === 'v2' && deactivated !== true) users = users.filter((u) => !u.deactivated);
  if (version === 'v3' && deactivated !== undefined) users = users.filter((u) => u.deactivated === deactivated);
  if (!locked) users = users.filter((u) => !u.locked);
  if (admins !== undefined) users = users.filter((u) => u.admin === admins);
  if (notUserTypes.length > 0) {
    const excludeUntyped = notUserTypes.includes('');
    const types = notUserTypes.filter((t) => t !== '');
    users = users.filter((u) => (u.userType === null ? !excludeUntyped : !types.includes(u.userType)));
  }
  const rows = users.map((u) => summary(u));
  const key = orderBy === 'name' ? 'name' : orderBy;
  const sign = dir === 'b' ? -1 : 1;
  rows.sort((a, b) => sign * compareSqlite(a[key], b[key]) || compareSqlite(a.name, b.name));
  const { page, total, nextToken } = offsetPage(rows, query);
  return { users: page, total, ...(nextToken ? { next_token: nextToken } : {}) };
}

/** A user as the list shows them: creation_ts in milliseconds here. */
function summary(u: SimUser) {
  return {
    name: u.userId,
    user_type: u.userType,
    is_guest: u.isGuest,
    admin: u.admin,
    deactivated: u.deactivated,
    shadow_banned: u.shadowBanned,
    displayname: u.displayName,
    avatar_url: u.avatarUrl,
    creation_ts: u.creationTs * 1000,
    approved: true,
    erased: u.erased,
    last_seen_ts: u.lastSeenTs,
    locked: u.locked,
  };
}

/** A user's details: creation_ts in seconds here. */
function userDetails(user: SimUser) {
  return {
    name: user.userId,
    admin: user.admin,
    deactivated: user.deactivated,
    locked: user.locked,
    shadow_banned: user.shadowBanned,
    creation_ts: user.creationTs,
    appservice_id: user.appserviceId,
    consent_server_notice_sent: null,
    consent_version: user.consentVersion,
    consent_ts: user.consentTs,
    user_type: user.userType,
    is_guest: user.isGuest,
    suspended: user.suspended,
    displayname: user.displayName,
    avatar_url: user.avatarUrl,
    threepids: user.threepids.map((t) => ({ medium: t.medium, address: t.address, validated_at: t.validatedAt, added_at: t.addedAt })),
    external_ids: user.externalIds.map((e) => ({ auth_provider: e.authProvider, external_id: e.externalId })),
    erased: user.erased,
    last_seen_ts: user.lastSeenTs,
  };
}
