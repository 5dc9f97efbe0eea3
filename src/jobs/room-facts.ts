import type { SynapseAdminClient } from '../synapse/client.js';
import { SynapseError } from '../synapse/errors.js';
import type { ClientEvent, RoomListEntry } from '../synapse/rooms.js';

/** Where a room's facts were read: its current state, or its history once no local user is in it any more. */
export type FactsSource = 'current state' | 'room history';

export interface RoomState {
  name: string | null;
  topic: string | null;
  canonicalAlias: string | null;
  altAliases: string[];
  joinRules: string | null;
  creator: string | null;
  powerLevels: Record<string, unknown> | null;
  /** User ID → membership (join, invite, leave, ban, knock). */
  members: Record<string, string>;
}

const historyPageSize = 200;
const maxHistoryPages = 10;

function stateKeyOf(event: ClientEvent): string | undefined {
  return typeof event.state_key === 'string' ? event.state_key : undefined;
}

/** The room's state as the latest event of each (type, state key) in `events` (oldest first) says. */
function foldState(events: ClientEvent[]): RoomState {
  const latest = new Map<string, ClientEvent>();
  for (const event of events) {
    const stateKey = stateKeyOf(event);
    if (stateKey !== undefined) latest.set(`${String(event.type)}\u0000${stateKey}`, event);
  }
  const content = (type: string) => (latest.get(`${type}\u0000`)?.content ?? undefined) as Record<string, unknown> | undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const members: Record<string, string> = {};
  for (const event of latest.values()) {
    const membership = (event.content as Record<string, unknown> | undefined)?.membership;
    if (event.type === 'm.room.member' && typeof membership === 'string') members[stateKeyOf(event)!] = membership;
  }
  const create = latest.get('m.room.create\u0000');
  const aliases = content('m.room.canonical_alias');
  return {
    name: text(content('m.room.name')?.name),
    topic: text(content('m.room.topic')?.topic),
    canonicalAlias: text(aliases?.alias),
    altAliases: Array.isArray(aliases?.alt_aliases) ? aliases.alt_aliases.filter((alias): alias is string => typeof alias === 'string') : [],
    joinRules: text(content('m.room.join_rules')?.join_rule),
    creator: text((create?.content as Record<string, unknown> | undefined)?.creator) ?? text(create?.sender),
    powerLevels: content('m.room.power_levels') ?? null,
    members,
  };
}

/**
 * The room's state. Once the last local member has left, Synapse reports its current state as empty (and its name,
 * alias and join rules as null): the state is then rebuilt from the state events of its history. For a room no local
 * user is expected to be in (`emptyExpected`), the history's first page is read together with the current state
 * instead of after it: one round less, one page wasted if someone is in it after all.
 */
export async function readRoomState(client: SynapseAdminClient, roomId: string, { emptyExpected = false } = {}): Promise<{ state: RoomState; source: FactsSource; truncated: boolean }> {
  const readPage = (from: string | undefined) => client.rooms.messages(roomId, { from, limit: historyPageSize, dir: 'b' });
  const firstPage = emptyExpected ? readPage(undefined) : undefined;
  // Not awaited when the current state is there, or when reading it fails first.
  firstPage?.catch(() => undefined);
  const current = await client.rooms.state(roomId);
  if (current.length > 0) return { state: foldState(current), source: 'current state', truncated: false };
  const events: ClientEvent[] = [];
  let from: string | undefined;
  let complete = false;
  for (let page = 0; page < maxHistoryPages && !complete; page++) {
    const messages = await (page === 0 && firstPage ? firstPage : readPage(from));
    events.push(...messages.chunk);
    complete = !messages.end || messages.end === from || messages.chunk.some((event) => event.type === 'm.room.create');
    from = messages.end ?? undefined;
  }
  // Longer histories are read back 2,000 events only: state set before that is missing, and the review says so.
  return { state: foldState(events.reverse()), source: 'room history', truncated: !complete };
}

/** What the admin reviews before a room is purged: the list's facts, completed from history where they are null. */
export async function purgeReview(client: SynapseAdminClient, room: RoomListEntry): Promise<Record<string, unknown>> {
  const listed = { name: room.name ?? null, canonicalAlias: room.canonical_alias ?? null, joinedMembers: room.joined_members ?? 0, creator: room.creator ?? null };
  if (listed.name !== null && listed.creator !== null) return { ...listed, source: 'room list' };
  const { state, source, truncated } = await readRoomState(client, room.room_id, { emptyExpected: true });
  const members = Object.entries(state.members);
  return {
    name: listed.name ?? state.name,
    canonicalAlias: listed.canonicalAlias ?? state.canonicalAlias,
    joinedMembers: listed.joinedMembers,
    creator: listed.creator ?? state.creator,
    lastKnownMembers: members.filter(([, membership]) => membership === 'join').map(([userId]) => userId),
    source,
    ...(truncated ? { truncated } : {}),
  };
}

/**
 * What the "Undoing room deletions" guide needs to rebuild a room, kept in its delete's audit entry: name, topic,
 * canonical, alternative and local aliases, join rules, members (current, or the last known from history), power
 * levels, whether it was blocked. A room Synapse does not know has nothing to recover; any other failure to read
 * it fails the delete before it is sent (a delete nobody could undo is not made).
 */
export async function roomRecovery(client: SynapseAdminClient, roomId: string, { emptyExpected = false } = {}): Promise<Record<string, unknown>> {
  let read: [Awaited<ReturnType<typeof readRoomState>>, { block: boolean }, string[] | null];
  // Null when Synapse will not tell this admin (its client API may want room members only).
  const readAliases = client.rooms.localAliases(roomId).catch((error: unknown) => {
    if (error instanceof SynapseError && error.code === 'FORBIDDEN') return null;
    throw error;
  });
  try {
    read = await Promise.all([readRoomState(client, roomId, { emptyExpected }), client.rooms.blockStatus(roomId), readAliases]);
  } catch (error) {
    if (error instanceof SynapseError && error.code === 'NOT_FOUND') return { roomId, unavailable: error.message };
    throw error;
  }
  const [{ state, source, truncated }, block, localAliases] = read;
  return {
    roomId,
    source,
    name: state.name,
    topic: state.topic,
    canonicalAlias: state.canonicalAlias,
    altAliases: state.altAliases,
    localAliases,
    joinRules: state.joinRules,
    creator: state.creator,
    members: state.members,
    powerLevels: state.powerLevels,
    blocked: block.block,
    ...(truncated ? { truncated } : {}),
  };
}
