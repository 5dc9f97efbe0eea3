import type { SimEvent, SimRoom } from '../homeserver.js';
import { adminPrefix as admin, booleanField, compareSqlite, HttpError, invalidParam, isLegalRoomId, isLegalUserId, jsonObject, legalRoomId, notFound, parseBoolean, parseEnum, parseInteger, requireParams, route, unknown400, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

// order_by → [field, ascending by default]
const orderings: Record<string, [string, boolean]> = {
  alphabetical: ['name', true],
  size: ['joined_members', false],
  name: ['name', true],
  canonical_alias: ['canonical_alias', true],
  joined_members: ['joined_members', false],
  joined_local_members: ['joined_local_members', false],
  version: ['version', false],
  creator: ['creator', true],
  encryption: ['encryption', true],
  federatable: ['federatable', true],
  public: ['public', true],
  join_rules: ['join_rules', true],
  guest_access: ['guest_access', true],
  history_visibility: ['history_visibility', true],
  state_events: ['state_events', false],
};

/** The rooms admin API (synapse/rest/admin/rooms.py). */
export function roomRoutes(sim: SynapseSimulator): Route[] {
  const { hs } = sim;
  const room = (roomId: string): SimRoom => {
    const found = hs.rooms.get(roomId);
    if (!found) throw notFound('Room not found');
    return found;
  };
  /** A room ID or alias, as Synapse's ResolveRoomIdMixin takes them; undefined for a legal but unknown ID. */
  const resolveRoom = (roomIdOrAlias: string): SimRoom | undefined => {
    if (roomIdOrAlias.startsWith('#') && /^#[^:]+:.+$/.test(roomIdOrAlias)) {
      const found = hs.roomByAlias(roomIdOrAlias);
      if (!found) throw notFound(`Room alias ${roomIdOrAlias} not found`);
      return found;
    }
    if (!isLegalRoomId(roomIdOrAlias)) throw unknown400(`${roomIdOrAlias} was not legal room ID or room alias`);
    return hs.rooms.get(roomIdOrAlias);
  };
  const extremities = (target: SimRoom | undefined) => {
    if (!target || target.timeline.length === 0) return [];
    return [...target.extraExtremities, target.timeline.at(-1)!].map((e, i) => ({
      event_id: e.event_id,
      state_group: 1000 + i,
      depth: target.timeline.indexOf(e) + 1,
      received_ts: e.origin_server_ts,
    }));
  };
  const event = (e: SimEvent) => hs.clientEvent(e);

  return [
    // Client API, open to server admins for any room: the aliases stay when the server has left the room.
    route('rooms/aliases', 'GET', '^/_matrix/client/v3/rooms/([^/]*)/aliases', 'admin', ({ params }) => {
      const aliases = hs.stateContent(room(params[0]!), 'm.room.canonical_alias');
      const all = [aliases?.alias, ...(Array.isArray(aliases?.alt_aliases) ? aliases.alt_aliases : [])].filter((alias): alias is string => typeof alias === 'string');
      return [200, { aliases: all }];
    }),
    route('rooms/list', 'GET', `${admin}/v1/rooms`, 'admin', ({ query }) => [200, listRooms(sim, query)]),
    route('rooms/details', 'GET', `${admin}/v1/rooms/([^/]*)`, 'admin', ({ params }) => [200, hs.details(room(params[0]!))]),
    route('rooms/members', 'GET', `${admin}/v1/rooms/([^/]*)/members`, 'admin', ({ params }) => {
      const members = hs.joinedMembers(room(params[0]!));
      return [200, { members, total: members.length }];
    }),
    route('rooms/state', 'GET', `${admin}/v1/rooms/([^/]*)/state`, 'admin', ({ params, query }) => {
      const type = query.get('type');
      const state = hs.currentState(room(params[0]!)).filter((e) => type === null || e.type === type);
      return [200, { state: state.map(event) }];
    }),
    route('rooms/messages', 'GET', `${admin}/v1/rooms/([^/]*)/messages`, 'admin', ({ params, query }) => {
      const target = room(params[0]!);
      const limit = parseInteger(query, 'limit', 10);
      const dir = parseEnum(query, 'dir', ['f', 'b'] as const, 'f');
      // Stream tokens are positions in the timeline here: "t<index>".
      const raw = query.get('from');
      const start = raw === null ? (dir === 'f' ? 0 : target.timeline.length) : Number(raw.replace(/^t/, ''));
      if (!Number.isInteger(start)) throw unknown400("'from' parameter is invalid");
      const chunk = dir === 'f' ? target.timeline.slice(start, start + limit) : target.timeline.slice(Math.max(0, start - limit), start).reverse();
      const end = dir === 'f' ? start + chunk.length : start - chunk.length;
      // As Synapse: the page is taken, then rejected events are dropped from it; `end` still moves past them.
      return [200, { chunk: chunk.filter((e) => !e.rejected).map(event), start: `t${start}`, ...(chunk.length > 0 ? { end: `t${end}` } : {}) }];
    }),
    route('rooms/block', 'GET', `${admin}/v1/rooms/([^/]*)/block`, 'admin', ({ params }) => {
      const roomId = legalRoomId(params[0]!);
      const blocker = hs.blocked.get(roomId);
      return [200, blocker ? { block: true, user_id: blocker } : { block: false }];
    }),
    route('rooms/block', 'PUT', `${admin}/v1/rooms/([^/]*)/block`, 'admin', ({ params, body, requester }) => {
      const object = jsonObject(body);
      const roomId = legalRoomId(params[0]!);
      requireParams(object, ['block']);
      if (typeof object.block !== 'boolean') throw new HttpError(400, 'M_BAD_JSON', "Param 'block' must be a boolean.");
      if (object.block) {
        if (!hs.blocked.has(roomId)) hs.blocked.set(roomId, requester);
      } else hs.blocked.delete(roomId);
      return [200, { block: object.block }];
    }),
    route('rooms/delete_v1', 'DELETE', `${admin}/v1/rooms/([^/]*)`, 'admin', ({ params, body, requester }) => deleteSynchronously(sim, params[0]!, body, requester)),
    route('rooms/make_room_admin', 'POST', `${admin}/v1/rooms/([^/]*)/make_room_admin`, 'admin', ({ params, body, requester }) => {
      const target = resolveRoom(params[0]!);
      const object = jsonObject(body, { allowEmpty: true });
      const userId = typeof object.user_id === 'string' ? object.user_id : requester;
      const localJoined = target ? hs.joinedMembers(target).filter((id) => hs.isMine(id)) : [];
      if (!target || localJoined.length === 0) throw unknown400('Server not in room');
      const [best] = localJoined.sort((a, b) => hs.powerLevel(target, b) - hs.powerLevel(target, a));
      const levels = hs.stateContent(target, 'm.room.power_levels') ?? {};
      const needed = Number((levels.events as Record<string, number> | undefined)?.['m.room.power_levels'] ?? levels.state_default ?? 50);
      if (!best || hs.powerLevel(target, best) < needed) throw unknown400('No local admin user in room with power to update power levels.');
      hs.setState(target, best, 'm.room.power_levels', '', { ...levels, users: { ...((levels.users ?? {}) as object), [userId]: hs.powerLevel(target, best) } });
      const joined = hs.joinedMembers(target).includes(userId);
      if (!joined && hs.stateContent(target, 'm.room.join_rules')?.join_rule !== 'public') hs.setMembership(target, best, userId, 'invite');
      return [200, {}];
    }),
    route('rooms/forward_extremities', 'GET', `${admin}/v1/rooms/([^/]*)/forward_extremities`, 'admin', ({ params }) => {
      const results = extremities(resolveRoom(params[0]!));
      return [200, { count: results.length, results }];
    }),
    route('rooms/forward_extremities', 'DELETE', `${admin}/v1/rooms/([^/]*)/forward_extremities`, 'admin', ({ params }) => {
      const target = resolveRoom(params[0]!);
      // Synapse fails with a 500 when there is nothing to delete from (an unknown room).
      if (!target || target.timeline.length === 0) throw new HttpError(500, 'M_UNKNOWN', 'Internal server error');
      const deleted = target.extraExtremities.length;
      target.extraExtremities = [];
      return [200, { deleted }];
    }),
    route('rooms/context', 'GET', `${admin}/v1/rooms/([^/]*)/context/([^/]*)`, 'admin', ({ params, query }) => {
      const target = hs.rooms.get(params[0]!);
      if (!target) throw new HttpError(404, 'M_UNKNOWN', 'No row found (events)');
      const index = target.timeline.findIndex((e) => e.event_id === params[1]);
      if (index < 0) throw notFound('Event not found.');
      const limit = parseInteger(query, 'limit', 10);
      const beforeLimit = Math.floor(limit / 2);
      return [
        200,
        {
          // Newest first, as Synapse returns them.
          events_before: target.timeline.slice(Math.max(0, index - beforeLimit), index).reverse().map(event),
          event: event(target.timeline[index]!),
          events_after: target.timeline.slice(index + 1, index + 1 + limit - beforeLimit).map(event),
          state: [...target.state.values()].map(event),
          start: `s${index}`,
          end: `s${index + 1}`,
        },
      ];
    }),
    route('join', 'POST', `${admin}/v1/join/([^/]*)`, 'admin', ({ params, body, requester }) => {
      const object = jsonObject(body);
      requireParams(object, ['user_id']);
      const userId = String(object.user_id);
      if (!isLegalUserId(userId)) throw invalidParam('Invalid user ID');
      if (!hs.isMine(userId)) throw unknown400('This endpoint can only be used with local users');
      const user = hs.users.get(userId);
      if (!user) throw notFound('User not found');
      const target = resolveRoom(params[0]!);
      if (!target) throw notFound('No known servers');
      if (hs.blocked.has(target.roomId)) throw new HttpError(403, 'M_UNKNOWN', 'This room has been blocked on this server');
      // Not public: the admin invites first, as a member of the room, and cannot invite someone already in it.
      if (hs.stateContent(target, 'm.room.join_rules')?.join_rule !== 'public') {
        if (!hs.joinedMembers(target).includes(requester)) throw new HttpError(403, 'M_FORBIDDEN', `User ${requester} not in room ${target.roomId}`);
        if (hs.joinedMembers(target).includes(userId)) throw new HttpError(403, 'M_FORBIDDEN', `${userId} is already in the room.`);
        hs.setMembership(target, requester, userId, 'invite');
      }
      hs.setMembership(target, userId, userId, 'join');
      return [200, { room_id: target.roomId }];
    }),
  ];
}

function listRooms(sim: SynapseSimulator, query: URLSearchParams) {
  const { hs } = sim;
  const from = parseInteger(query, 'from', 0);
  const limit = parseInteger(query, 'limit', 100);
  const orderBy = parseEnum(query, 'order_by', Object.keys(orderings), 'name');
  const dir = parseEnum(query, 'dir', ['b', 'f'] as const, 'f');
  const searchTerm = query.get('search_term');
  if (searchTerm === '') throw invalidParam('search_term cannot be an empty string');
  const publicRooms = parseBoolean(query, 'public_rooms');
  const emptyRooms = parseBoolean(query, 'empty_rooms');

  let entries = [...hs.rooms.values()].map((candidate) => hs.listEntry(candidate));
  if (searchTerm !== null) {
    const term = searchTerm.toLowerCase();
    entries = entries.filter(
      (e) =>
        (e.name ?? '').toLowerCase().includes(term) ||
        new RegExp(`^#.*${escapeRegExp(term)}.*:`).test((e.canonical_alias ?? '').toLowerCase()) ||
        e.room_id === searchTerm,
    );
  }
  if (publicRooms !== undefined) entries = entries.filter((e) => e.public === publicRooms);
  if (emptyRooms !== undefined) entries = entries.filter((e) => (e.joined_members === 0) === emptyRooms);

  const [key, ascending] = orderings[orderBy]!;
  const sign = (ascending ? 1 : -1) * (dir === 'b' ? -1 : 1);
  entries.sort((a, b) => sign * (compareSqlite(a[key as keyof typeof a], b[key as keyof typeof b]) || compareSqlite(a.room_id, b.room_id)));

  const total = entries.length;
  return {
    rooms: entries.slice(from, from + limit),
    offset: from,
    total_rooms: total,
    ...(from + limit < total ? { next_batch: from + limit } : {}),
    ...(from > 0 ? { prev_batch: from > limit ? from - limit : 0 } : {}),
  };
}

/** v1 delete: the whole shutdown and purge inside the request, as the seed's shell loop uses it. */
async function deleteSynchronously(sim: SynapseSimulator, roomId: string, body: unknown, requester: string) {
  const { hs } = sim;
  const object = jsonObject(body);
  legalRoomId(roomId);
  const block = booleanField(object, 'block', false);
  const purge = booleanField(object, 'purge', true);
  const target = hs.rooms.get(roomId);
  const result = { kicked_users: [] as string[], failed_to_kick_users: [] as string[], local_aliases: [] as string[], new_room_id: null };
  sim.recordDelete(roomId);
  if (block && !hs.blocked.has(roomId)) hs.blocked.set(roomId, requester);
  if (!target) return [200, result] as [number, unknown];
  for (const userId of hs.membersWith(target, ['join', 'invite', 'knock']).filter((id) => hs.isMine(id))) {
    hs.setMembership(target, userId, userId, 'leave');
    result.kicked_users.push(userId);
  }
  const { kickMsPerUser, purgeMs } = sim.deletes.timings;
  const work = kickMsPerUser * result.kicked_users.length + (purge ? purgeMs : 0);
  await new Promise<void>((resolve) => hs.clock.schedule(work, resolve));
  // A purge that fails (the scheduler's failure knob) fails the request.
  if (sim.deletes.takeFailure(roomId) !== undefined) throw new HttpError(500, 'M_UNKNOWN', 'Internal server error');
  if (purge) hs.rooms.delete(roomId);
  return [200, result] as [number, unknown];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
