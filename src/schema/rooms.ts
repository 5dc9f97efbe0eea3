import { z } from 'zod';
import { builder } from '../builder.js';
import { audited, auditedCost } from './audited.js';
import { cost } from '../cost/field-cost.js';
import type { Context } from '../context.js';
import { eventContextKey } from '../loaders/rooms.js';
import { serverOf } from '../synapse/ids.js';
import { eventIdArg, roomIdArg, roomIdOrAliasArg, searchTextArg, userIdArg } from './arguments.js';
import type { ForwardExtremities, RoomDetails, RoomListEntry } from '../synapse/rooms.js';
import { DeleteTask } from './delete-tasks.js';
import { selectedFieldNames } from './selection.js';
import { settledField } from './settled-field.js';
import { Member } from './member.js';
import { EventContext, RoomMessages } from './room-event.js';
import { offsetConnection } from './paging.js';
import { StateEvent } from './state-event.js';

/** A room is carried through the schema as its ID; its data comes from the per-request loaders. */
export const Room = builder.objectRef<string>('Room');

export const RoomOrderField = builder.enumType('RoomOrderField', {
  description: "Synapse's list-rooms `order_by` values.",
  values: {
    NAME: { value: 'name' },
    CANONICAL_ALIAS: { value: 'canonical_alias' },
    JOINED_MEMBERS: { value: 'joined_members' },
    JOINED_LOCAL_MEMBERS: { value: 'joined_local_members' },
    VERSION: { value: 'version' },
    CREATOR: { value: 'creator' },
    ENCRYPTION: { value: 'encryption' },
    FEDERATABLE: { value: 'federatable' },
    PUBLIC: { value: 'public' },
    JOIN_RULES: { value: 'join_rules' },
    GUEST_ACCESS: { value: 'guest_access' },
    HISTORY_VISIBILITY: { value: 'history_visibility' },
    STATE_EVENTS: { value: 'state_events' },
  } as const,
});

export const OrderDirection = builder.enumType('OrderDirection', {
  values: { FORWARD: { value: 'f' }, BACKWARD: { value: 'b' } } as const,
});

export const BlockStatus = builder.objectRef<{ block: boolean; user_id: string | null }>('BlockStatus').implement({
  fields: (t) => ({
    blocked: t.exposeBoolean('block'),
    blockedBy: t.exposeString('user_id', { nullable: true, description: 'The admin who blocked it first.' }),
  }),
});

const ForwardExtremitiesType = builder.objectRef<ForwardExtremities>('ForwardExtremities').implement({
  description: 'The latest events of the room DAG this server knows; many of them slow the room down.',
  fields: (t) => ({
    count: t.exposeInt('count'),
    results: t.field({
      type: [
        builder.objectRef<ForwardExtremities['results'][number]>('ForwardExtremity').implement({
          fields: (e) => ({
            eventId: e.exposeID('event_id'),
            stateGroup: e.exposeInt('state_group', { nullable: true }),
            depth: e.exposeInt('depth'),
            receivedAt: e.expose('received_ts', { type: 'DateTime', nullable: true }),
          }),
        }),
      ],
      resolve: (extremities) => extremities.results,
    }),
  }),
});

const summary = (ctx: Context, roomId: string) => ctx.loaders.rooms.summary.load(roomId);
const roomDetailsCost = cost.perRoom('details', 'room details');
// List-level fields: free through the room list, else from the room's details (one call for both kinds).
const listFieldCost = cost.listField('room', 'room details');
const roomMembersCost = cost.perRoom('members', 'room members');
const details = (ctx: Context, roomId: string) => ctx.loaders.rooms.existing(roomId);

const fromSummary = <T>(pick: (room: RoomListEntry) => T) => settledField((ctx) => ctx.loaders.rooms.settled.summaries, summary, pick);
const fromDetails = <T>(pick: (room: RoomDetails) => T) => settledField((ctx) => ctx.loaders.rooms.settled.details, details, pick);

Room.implement({
  description: 'A room known to the homeserver.',
  extensions: { costScope: 'room' },
  fields: (t) => ({
    roomId: t.id({ resolve: (roomId) => roomId }),
    name: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.name) }),
    canonicalAlias: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.canonical_alias) }),
    joinedMembers: t.int({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.joined_members) }),
    joinedLocalMembers: t.int({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.joined_local_members) }),
    version: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.version) }),
    creator: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.creator) }),
    encryption: t.string({ nullable: true, description: 'The encryption algorithm, null when unencrypted.', extensions: listFieldCost, resolve: fromSummary((room) => room.encryption) }),
    federatable: t.boolean({ extensions: listFieldCost, resolve: fromSummary((room) => room.federatable) }),
    public: t.boolean({ description: 'Published in the room directory.', extensions: listFieldCost, resolve: fromSummary((room) => room.public) }),
    joinRules: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.join_rules) }),
    guestAccess: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.guest_access) }),
    historyVisibility: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.history_visibility) }),
    stateEvents: t.int({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.state_events) }),
    roomType: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((room) => room.room_type) }),
    isSpace: t.boolean({ extensions: listFieldCost, resolve: fromSummary((room) => room.room_type === 'm.space') }),
    // Details-only fields: one details call per room, shared by all of them.
    topic: t.string({ nullable: true, extensions: roomDetailsCost, resolve: fromDetails((room) => room.topic) }),
    avatar: t.string({ nullable: true, description: 'mxc:// URI of the room avatar.', extensions: roomDetailsCost, resolve: fromDetails((room) => room.avatar) }),
    joinedLocalDevices: t.int({ nullable: true, extensions: roomDetailsCost, resolve: fromDetails((room) => room.joined_local_devices) }),
    forgotten: t.boolean({ nullable: true, description: 'True when no local user has an unforgotten membership.', extensions: roomDetailsCost, resolve: fromDetails((room) => room.forgotten) }),
    tombstoned: t.boolean({ nullable: true, description: 'Null on Synapse older than 1.153.', extensions: roomDetailsCost, resolve: fromDetails((room) => room.tombstoned) }),
    replacementRoom: t.string({ nullable: true, extensions: roomDetailsCost, resolve: fromDetails((room) => room.replacement_room) }),
    members: t.field({
      type: [Member],
      description: 'Joined members, local and remote.',
      extensions: roomMembersCost,
      resolve: async (roomId, _, ctx) => (await ctx.loaders.rooms.members.load(roomId)).map((userId) => ({ roomId, userId })),
    }),
    servers: t.stringList({
      description: 'Servers with at least one joined member, sorted.',
      extensions: roomMembersCost,
      resolve: async (roomId, _, ctx) => [...new Set((await ctx.loaders.rooms.members.load(roomId)).map(serverOf))].sort(),
    }),
    state: t.field({
      type: [StateEvent],
      args: { types: t.arg.stringList({ required: false, description: 'Only events of these types.' }) },
      extensions: cost.perRoom('state', 'room state'),
      // One full-state call per room serves every `types` filter and the members' profiles.
      resolve: async (roomId, { types }, ctx) => {
        const state = await ctx.loaders.rooms.state.load(roomId);
        if (!types) return state;
        const wanted = new Set(types);
        return state.filter((event) => wanted.has(event.type));
      },
    }),
    block: t.field({ type: BlockStatus, extensions: cost.perRoom('block', 'block status'), resolve: (roomId, _, ctx) => ctx.loaders.rooms.block.load(roomId) }),
    forwardExtremities: t.field({
      type: ForwardExtremitiesType,
      extensions: cost.perRoom('extremities', 'forward extremities'),
      resolve: (roomId, _, ctx) => ctx.loaders.rooms.forwardExtremities.load(roomId),
    }),
    eventContext: t.field({
      type: EventContext,
      nullable: true,
      description: 'An event with its surroundings (`limit` events in all, split before and after); null for an unknown event.',
      extensions: cost.cachedLookup('event context'),
      args: {
        eventId: t.arg.id({ required: true, validate: eventIdArg }),
        limit: t.arg.int({ validate: z.number().int().min(0).max(1000) }),
      },
      resolve: (roomId, { eventId, limit }, ctx) => ctx.loaders.rooms.eventContext.load(eventContextKey(roomId, eventId, limit)),
    }),
    messages: t.field({
      type: RoomMessages,
      description:
        "A page of the room's timeline through the admin messages endpoint: every event, whatever the history visibility. Page on with `from: end` until `end` is null.",
      extensions: cost.perCall(1, 'room messages page'),
      args: {
        from: t.arg.string({ description: 'A token from a previous page; absent: the start of the room (FORWARD) or its end (BACKWARD).', validate: searchTextArg }),
        direction: t.arg({ type: OrderDirection, defaultValue: 'f' }),
        limit: t.arg.int({ defaultValue: 100, validate: z.number().int().min(1).max(1000) }),
      },
      resolve: (roomId, { from, direction, limit }, ctx) => ctx.synapse.rooms.messages(roomId, { from: from ?? undefined, dir: direction ?? 'f', limit: limit ?? 100 }),
    }),
    deleteTasks: t.field({
      type: [DeleteTask],
      description: 'Delete tasks for this room, oldest first, including ones still scheduled.',
      // The scheduled-tasks answer carries each task's failure reason; Synapse without that API takes a second call.
      extensions: { ...cost.perRoom('tasks', 'scheduled tasks', 2), prepays: ['reason'] },
      resolve: (roomId, _, ctx) => ctx.loaders.deleteTasks.forRoom.load(roomId),
    }),
  }),
});

const roomPages = { defaultSize: 100, maxSize: 1000 };

/** Every list of rooms is the same connection type, whichever list it pages. */
export const RoomConnection = builder.connectionObject({ type: Room, name: 'RoomConnection' }, { name: 'RoomEdge' });

builder.queryFields((t) => ({
  rooms: t.connection(
    {
      type: Room,
      description: `Rooms, paged over Synapse's offset paging. \`first\` defaults to ${roomPages.defaultSize}, at most ${roomPages.maxSize}.`,
      extensions: cost.page(roomPages.defaultSize, 'room list page', ['summary']),
      args: {
        orderBy: t.arg({ type: RoomOrderField, defaultValue: 'name' }),
        direction: t.arg({ type: OrderDirection, defaultValue: 'f' }),
        search: t.arg.string({
          description: 'Matches room names, canonical aliases, or an exact room ID.',
          validate: searchTextArg,
        }),
        public: t.arg.boolean({ description: 'Only rooms published (true) or not published (false) in the directory.' }),
        empty: t.arg.boolean({ description: 'Only rooms with no (true) or some (false) joined members.' }),
      },
      resolve: (_root, args, ctx) => {
        const filters = {
          orderBy: args.orderBy ?? undefined,
          dir: args.direction ?? undefined,
          searchTerm: args.search ?? undefined,
          publicRooms: args.public ?? undefined,
          emptyRooms: args.empty ?? undefined,
        };
        return offsetConnection(
          'rooms',
          args,
          roomPages,
          async (from, limit) => {
            const page = await ctx.synapse.rooms.list({ ...filters, from, limit });
            // The list carries every list-level field: a room's summary costs nothing more.
            for (const room of page.rooms) ctx.loaders.rooms.primeSummary(room);
            return { items: page.rooms, total: page.total_rooms };
          },
          (room) => room.room_id,
        );
      },
    },
    RoomConnection,
  ),
  room: t.field({
    type: Room,
    nullable: true,
    description: 'One room, or null when Synapse does not know it.',
    extensions: cost.cachedLookup('room details', ['details']),
    args: { roomId: t.arg.id({ required: true, validate: roomIdArg }) },
    resolve: async (_root, { roomId }, ctx, info) => {
      // What the room's fields will load besides its details starts now, beside them, not after them (for a room
      // that does not exist, those calls are made too: the estimate counted them already).
      if (ctx.loaders.cached) {
        const selected = selectedFieldNames(info);
        for (const [field, loader] of loadsKnownFromTheId) if (selected.has(field)) ctx.loaders.rooms[loader].load(roomId).catch(() => undefined);
      }
      return (await ctx.loaders.rooms.details.load(roomId)) ? roomId : null;
    },
  }),
}));

/** Room fields whose calls need only the room's ID, by the loader they use: `room` starts them with its details. */
const loadsKnownFromTheId = [
  ['members', 'members'],
  ['servers', 'members'],
  ['state', 'state'],
  ['block', 'block'],
] as const;

builder.mutationFields((t) => ({
  blockRoom: t.field({
    type: BlockStatus,
    description: 'Blocks future joins and invites (current members stay). Idempotent; works for rooms this server does not know yet.',
    extensions: auditedCost(cost.perCall(2, 'block change and read-back')),
    args: { roomId: t.arg.id({ required: true, validate: roomIdArg }) },
    resolve: (_root, { roomId }, ctx) => audited(ctx, { action: 'blockRoom', target: roomId }, () => ctx.synapse.rooms.setBlocked(roomId, true)),
  }),
  unblockRoom: t.field({
    type: BlockStatus,
    description: 'Lifts a block. Idempotent.',
    extensions: auditedCost(cost.perCall(2, 'block change and read-back')),
    args: { roomId: t.arg.id({ required: true, validate: roomIdArg }) },
    resolve: (_root, { roomId }, ctx) => audited(ctx, { action: 'unblockRoom', target: roomId }, () => ctx.synapse.rooms.setBlocked(roomId, false)),
  }),
  makeRoomAdmin: t.boolean({
    description: "Gives a user (default: the caller) the power level of the room's most powerful local member, inviting them if needed.",
    extensions: auditedCost(cost.perCall(1, 'make room admin')),
    args: {
      roomId: t.arg.id({ required: true, description: 'A room ID or alias.', validate: roomIdOrAliasArg }),
      userId: t.arg.id({ validate: userIdArg }),
    },
    resolve: async (_root, { roomId, userId }, ctx) => {
      await audited(ctx, { action: 'makeRoomAdmin', target: roomId, arguments: { userId: userId ?? null } }, () => ctx.synapse.rooms.makeRoomAdmin(roomId, userId ?? undefined));
      return true;
    },
  }),
  deleteForwardExtremities: t.int({
    description: 'Deletes forward extremities (all but the latest); returns how many went.',
    extensions: auditedCost(cost.perCall(2, 'extremities count and delete')),
    args: { roomId: t.arg.id({ required: true, description: 'A room ID or alias.', validate: roomIdOrAliasArg }) },
    resolve: async (_root, { roomId }, ctx) => {
      // Synapse answers 500 when asked to delete extremities of a room that has none.
      if ((await ctx.synapse.rooms.forwardExtremities(roomId)).count === 0) return 0;
      return audited(ctx, { action: 'deleteForwardExtremities', target: roomId }, () => ctx.synapse.rooms.deleteForwardExtremities(roomId));
    },
  }),
}));

builder.globalConnectionField('totalCount', (t) => t.int({ resolve: (connection) => connection.totalCount }));
