import { z } from 'zod';
import { builder } from '../builder.js';
import { audited, auditedCost } from './audited.js';
import type { Context } from '../context.js';
import { cost } from '../cost/field-cost.js';
import { badUserInput } from '../errors.js';
import { SynapseError } from '../synapse/errors.js';
import { isLegalIdentifier } from '../synapse/ids.js';
import type { DeactivatedFilter as SynapseDeactivatedFilter, Device as SynapseDevice, Media, Pusher as SynapsePusher, Session, UserDetails, UserSummary } from '../synapse/users.js';
import { roomIdOrAliasArg, searchTextArg, userIdArg } from './arguments.js';
import { offsetConnection } from './paging.js';
import { settledField } from './settled-field.js';
import { OrderDirection, Room } from './rooms.js';

/** A user is carried through the schema as their ID; their data comes from the per-request loaders. */
export const User = builder.objectRef<string>('User');

export const DeactivatedFilter = builder.enumType('DeactivatedFilter', {
  description: 'Which accounts to list by their deactivation (the same on every Synapse, whatever its list version).',
  values: {
    EXCLUDE: { value: 'exclude', description: 'Active accounts only.' },
    INCLUDE: { value: 'include', description: 'Active and deactivated accounts.' },
    ONLY: { value: 'only', description: 'Deactivated accounts only.' },
  } as const,
});

export const UserOrderField = builder.enumType('UserOrderField', {
  description: "Synapse's list-users `order_by` values.",
  values: {
    NAME: { value: 'name' },
    DISPLAYNAME: { value: 'displayname' },
    IS_GUEST: { value: 'is_guest' },
    ADMIN: { value: 'admin' },
    DEACTIVATED: { value: 'deactivated' },
    USER_TYPE: { value: 'user_type' },
    AVATAR_URL: { value: 'avatar_url' },
    SHADOW_BANNED: { value: 'shadow_banned' },
    CREATION_TS: { value: 'creation_ts' },
    LAST_SEEN_TS: { value: 'last_seen_ts' },
    LOCKED: { value: 'locked' },
  } as const,
});

const Threepid = builder.objectRef<{ medium: string; address: string; validated_at: Date | null; added_at: Date | null }>('Threepid').implement({
  description: 'An email address or phone number bound to the account.',
  fields: (t) => ({
    medium: t.exposeString('medium'),
    address: t.exposeString('address'),
    validatedAt: t.expose('validated_at', { type: 'DateTime', nullable: true }),
    addedAt: t.expose('added_at', { type: 'DateTime', nullable: true }),
  }),
});

const ExternalId = builder.objectRef<{ auth_provider: string; external_id: string }>('ExternalId').implement({
  description: 'An identity at a single-sign-on provider linked to the account.',
  fields: (t) => ({
    authProvider: t.exposeString('auth_provider'),
    externalId: t.exposeString('external_id'),
  }),
});

const Consent = builder.objectRef<{ version: string; acceptedAt: Date | null }>('Consent').implement({
  description: 'The privacy-policy version the user consented to.',
  fields: (t) => ({
    version: t.exposeString('version'),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
  }),
});

const RoomMembership = builder.objectRef<{ roomId: string; membership: string }>('RoomMembership').implement({
  description: "A room in which the user has a membership, and which (join, invite, leave, ban, knock).",
  fields: (t) => ({
    room: t.field({ type: Room, resolve: ({ roomId }) => roomId }),
    membership: t.exposeString('membership'),
  }),
});

const Device = builder.objectRef<SynapseDevice>('Device').implement({
  fields: (t) => ({
    deviceId: t.exposeID('device_id'),
    displayName: t.exposeString('display_name', { nullable: true }),
    lastSeenIp: t.exposeString('last_seen_ip', { nullable: true }),
    lastSeenUserAgent: t.exposeString('last_seen_user_agent', { nullable: true }),
    lastSeenAt: t.expose('last_seen_ts', { type: 'DateTime', nullable: true }),
  }),
});

const UserSession = builder.objectRef<Session>('UserSession').implement({
  description: 'A connection Synapse remembers (whois): one per access token and IP, kept for 28 days by default.',
  fields: (t) => ({
    ip: t.exposeString('ip', { nullable: true }),
    userAgent: t.exposeString('userAgent', { nullable: true }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true }),
  }),
});

const Pusher = builder.objectRef<SynapsePusher>('Pusher').implement({
  fields: (t) => ({
    kind: t.exposeString('kind'),
    appId: t.exposeString('app_id'),
    appDisplayName: t.exposeString('app_display_name', { nullable: true }),
    deviceDisplayName: t.exposeString('device_display_name', { nullable: true }),
    pushkey: t.exposeString('pushkey'),
    lang: t.exposeString('lang', { nullable: true }),
    profileTag: t.exposeString('profile_tag', { nullable: true }),
    data: t.expose('data', { type: 'JSON', nullable: true }),
    enabled: t.exposeBoolean('enabled'),
    deviceId: t.exposeString('device_id', { nullable: true }),
  }),
});

const MediaItem = builder.objectRef<Media>('Media').implement({
  description: 'A file the user uploaded.',
  fields: (t) => ({
    mediaId: t.exposeID('media_id'),
    mediaType: t.exposeString('media_type', { nullable: true }),
    mediaLength: t.exposeInt('media_length', { nullable: true, description: 'Bytes; null until the upload finished.' }),
    uploadName: t.exposeString('upload_name', { nullable: true }),
    createdAt: t.expose('created_ts', { type: 'DateTime', nullable: true }),
    lastAccessedAt: t.expose('last_access_ts', { type: 'DateTime', nullable: true }),
    quarantinedBy: t.exposeString('quarantined_by', { nullable: true }),
    safeFromQuarantine: t.exposeBoolean('safe_from_quarantine'),
  }),
});

const AccountData = builder.objectRef<{ global: Record<string, unknown>; rooms: Record<string, Record<string, unknown>> }>('AccountData').implement({
  fields: (t) => ({
    global: t.expose('global', { type: 'JSON', description: 'Event type → content.' }),
    rooms: t.expose('rooms', { type: 'JSON', description: 'Room ID → event type → content.' }),
  }),
});

const RateLimit = builder.objectRef<{ messagesPerSecond: number; burstCount: number }>('RateLimit').implement({
  description: "A user's override of the message rate limit; 0 messages per second means no limit at all.",
  fields: (t) => ({
    messagesPerSecond: t.exposeInt('messagesPerSecond'),
    burstCount: t.exposeInt('burstCount'),
  }),
});

const summary = (ctx: Context, userId: string) => ctx.loaders.users.summary.load(userId);
const details = async (ctx: Context, userId: string) => {
  const user = await ctx.loaders.users.details.load(userId);
  if (!user) throw badUserInput(`${userId} is not a user of this server`);
  return user;
};
const fromSummary = <T>(pick: (user: UserSummary) => T) => settledField((ctx) => ctx.loaders.users.settled.summaries, summary, pick);
const fromDetails = <T>(pick: (user: UserDetails) => T) => settledField((ctx) => ctx.loaders.users.settled.details, details, pick);
const detailsCost = cost.perUser('details', 'user details');
// List-level fields: free through the user list, else from the user's details (one call for both kinds).
const listFieldCost = cost.listField('user', 'user details');
const mediaPages = { defaultSize: 100, maxSize: 1000 };

User.implement({
  description: 'A local user account.',
  extensions: { costScope: 'user' },
  fields: (t) => ({
    userId: t.id({ resolve: (userId) => userId }),
    // List-level fields: from the list page that found the user, else from their details.
    displayName: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((user) => user.displayname) }),
    avatarUrl: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((user) => user.avatar_url) }),
    admin: t.boolean({ extensions: listFieldCost, resolve: fromSummary((user) => user.admin) }),
    deactivated: t.boolean({ extensions: listFieldCost, resolve: fromSummary((user) => user.deactivated) }),
    erased: t.boolean({ extensions: listFieldCost, resolve: fromSummary((user) => user.erased) }),
    locked: t.boolean({ extensions: listFieldCost, resolve: fromSummary((user) => user.locked) }),
    shadowBanned: t.boolean({ extensions: listFieldCost, resolve: fromSummary((user) => user.shadow_banned) }),
    isGuest: t.boolean({ extensions: listFieldCost, resolve: fromSummary((user) => user.is_guest) }),
    userType: t.string({ nullable: true, extensions: listFieldCost, resolve: fromSummary((user) => user.user_type) }),
    createdAt: t.field({ type: 'DateTime', nullable: true, extensions: listFieldCost, resolve: fromSummary((user) => user.creation_ts) }),
    lastSeenAt: t.field({ type: 'DateTime', nullable: true, extensions: listFieldCost, resolve: fromSummary((user) => user.last_seen_ts) }),
    // Details-only fields: one details call per user, shared by all of them.
    suspended: t.boolean({ extensions: detailsCost, resolve: fromDetails((user) => user.suspended) }),
    appserviceId: t.string({ nullable: true, extensions: detailsCost, resolve: fromDetails((user) => user.appservice_id) }),
    threepids: t.field({ type: [Threepid], extensions: detailsCost, resolve: fromDetails((user) => user.threepids) }),
    externalIds: t.field({ type: [ExternalId], extensions: detailsCost, resolve: fromDetails((user) => user.external_ids) }),
    consent: t.field({
      type: Consent,
      nullable: true,
      extensions: detailsCost,
      resolve: async (id, _, ctx) => {
        const user = await details(ctx, id);
        return user.consent_version ? { version: user.consent_version, acceptedAt: user.consent_ts } : null;
      },
    }),
    joinedRooms: t.field({
      type: [Room],
      extensions: cost.perUser('joinedRooms', 'joined rooms'),
      resolve: (id, _, ctx) => ctx.loaders.users.joinedRooms.load(id),
    }),
    memberships: t.field({
      type: [RoomMembership],
      extensions: cost.perUser('memberships', 'memberships'),
      resolve: async (id, _, ctx) => Object.entries(await ctx.loaders.users.memberships.load(id)).map(([roomId, membership]) => ({ roomId, membership })),
    }),
    devices: t.field({ type: [Device], extensions: cost.perUser('devices', 'devices'), resolve: (id, _, ctx) => ctx.loaders.users.devices.load(id) }),
    sessions: t.field({ type: [UserSession], extensions: cost.perUser('sessions', 'whois'), resolve: (id, _, ctx) => ctx.loaders.users.sessions.load(id) }),
    pushers: t.field({ type: [Pusher], extensions: cost.perUser('pushers', 'pushers'), resolve: (id, _, ctx) => ctx.loaders.users.pushers.load(id) }),
    accountData: t.field({ type: AccountData, extensions: cost.perUser('accountData', 'account data'), resolve: (id, _, ctx) => ctx.loaders.users.accountData.load(id) }),
    rateLimit: t.field({
      type: RateLimit,
      nullable: true,
      description: 'The rate-limit override, or null when the server defaults apply.',
      extensions: cost.perUser('rateLimit', 'rate-limit override'),
      resolve: (id, _, ctx) => ctx.loaders.users.rateLimit.load(id),
    }),
    media: t.connection(
      {
        type: MediaItem,
        // A failed media list costs this user's media, not the whole page of users.
        nullable: true,
        description: `Files the user uploaded, newest first. \`first\` defaults to ${mediaPages.defaultSize}, at most ${mediaPages.maxSize}.`,
        extensions: cost.page(mediaPages.defaultSize, 'media list page'),
        resolve: (userId, args, ctx) =>
          offsetConnection(`media:${userId}`, args, mediaPages, async (from, limit) => {
            const page = await ctx.synapse.users.media(userId, { from, limit });
            return { items: page.media, total: page.total };
          }, (media) => media),
      },
      { name: 'MediaConnection' },
      { name: 'MediaEdge' },
    ),
  }),
});

const userPages = { defaultSize: 100, maxSize: 1000 };

builder.queryFields((t) => ({
  users: t.connection(
    {
      type: User,
      description: `Local users, paged over Synapse's offset paging. \`first\` defaults to ${userPages.defaultSize}, at most ${userPages.maxSize}.`,
      // Synapse without the v3 list takes a second call, for the v2 one.
      extensions: cost.page(userPages.defaultSize, 'user list page', ['summary'], 2),
      args: {
        search: t.arg.string({ description: 'Localpart or display name contains this (case-insensitive).', validate: searchTextArg }),
        userId: t.arg.string({ description: 'The user ID contains this (case-insensitive).', validate: searchTextArg }),
        guests: t.arg.boolean({ defaultValue: true, description: 'Include guest accounts.' }),
        deactivated: t.arg({ type: DeactivatedFilter, defaultValue: 'exclude' }),
        admins: t.arg.boolean({ description: 'Only server admins (true) or no admins (false); both when absent.' }),
        locked: t.arg.boolean({ defaultValue: true, description: 'Include locked accounts (Synapse leaves them out unless asked).' }),
        excludeUserTypes: t.arg.stringList({
          description: 'Leave out these user types (e.g. "bot", "support"); "" leaves out accounts with no type.',
          validate: z.array(z.string().max(255)).max(20),
        }),
        orderBy: t.arg({ type: UserOrderField, defaultValue: 'name' }),
        direction: t.arg({ type: OrderDirection, defaultValue: 'f' }),
      },
      resolve: (_root, args, ctx) => {
        if (args.search != null && args.userId != null) throw badUserInput('Pass search or userId, not both (Synapse would ignore userId)');
        return offsetConnection(
          'users',
          args,
          userPages,
          async (from, limit) => {
            const page = await ctx.synapse.users.list({
              from,
              limit,
              search: args.search ?? undefined,
              userId: args.userId ?? undefined,
              guests: args.guests ?? undefined,
              deactivated: (args.deactivated ?? 'exclude') as SynapseDeactivatedFilter,
              admins: args.admins ?? undefined,
              locked: args.locked ?? undefined,
              excludeUserTypes: args.excludeUserTypes ?? undefined,
              orderBy: args.orderBy ?? undefined,
              dir: args.direction ?? undefined,
            });
            // The list carries every list-level field: a user's summary costs nothing more.
            for (const user of page.users) ctx.loaders.users.primeSummary(user);
            return { items: page.users, total: page.total };
          },
          (user) => user.name,
        );
      },
    },
    { name: 'UserConnection' },
    { name: 'UserEdge' },
  ),
  user: t.field({
    type: User,
    nullable: true,
    description: 'One local user, or null when there is no such user here. A remote user ID is BAD_USER_INPUT.',
    extensions: cost.cachedLookup('user details', ['details']),
    args: { userId: t.arg.id({ required: true, validate: userIdArg }) },
    resolve: async (_root, { userId }, ctx) => {
      if (ctx.homeserver.isRemote(userId)) throw badUserInput(`${userId} is not a user of this server (${ctx.homeserver.known})`);
      return (await ctx.loaders.users.details.load(userId)) ? userId : null;
    },
  }),
}));

/** Refuses a user of another server without a call, once the gateway knows its homeserver's name. */
function local(ctx: Context, userId: string): void {
  if (ctx.homeserver.isRemote(userId)) throw badUserInput(`${userId} is not a user of this server (${ctx.homeserver.known}): only local users can be changed`);
}

/** A mutation on one user, audited, that answers with the user as Synapse reports them afterwards. */
async function changed(ctx: Context, userId: string, action: string, args: Record<string, unknown>, change: () => Promise<unknown>): Promise<string> {
  local(ctx, userId);
  await audited(ctx, { action, target: userId, arguments: args }, change);
  ctx.loaders.users.forget(userId);
  return userId;
}

/** PUT v2 would create an unknown user: mutations that use it make sure the user exists first. */
async function existing(ctx: Context, userId: string): Promise<void> {
  local(ctx, userId);
  if (!(await ctx.loaders.users.details.load(userId))) throw new SynapseError('NOT_FOUND', `${userId} is not a user of this server`);
}

const userArg = (t: Parameters<Parameters<typeof builder.mutationFields>[0]>[0]) => t.arg.id({ required: true, validate: userIdArg });

builder.mutationFields((t) => ({
  deactivateUser: t.field({
    type: User,
    description: 'Deactivates the account (devices, tokens, threepids and pushers go at once; rooms are left in the background). Already deactivated: succeeds, and `erase` still erases.',
    extensions: auditedCost(cost.perCall(1, 'deactivate')),
    args: { userId: userArg(t), erase: t.arg.boolean({ defaultValue: false, description: 'Also erase the profile and mark the account erased (GDPR).' }) },
    resolve: (_root, { userId, erase }, ctx) => changed(ctx, userId, 'deactivateUser', { erase: erase ?? false }, () => ctx.synapse.users.deactivate(userId, erase ?? false)),
  }),
  setUserAdmin: t.field({
    type: User,
    description: 'Makes a user a server admin, or not. Never creates a user (unknown: NOT_FOUND); demoting yourself is refused by Synapse (BAD_USER_INPUT).',
    extensions: auditedCost(cost.perCall(1, 'admin flag')),
    args: { userId: userArg(t), admin: t.arg.boolean({ required: true }) },
    resolve: (_root, { userId, admin }, ctx) => changed(ctx, userId, 'setUserAdmin', { admin }, () => ctx.synapse.users.setAdmin(userId, admin)),
  }),
  resetPassword: t.field({
    type: User,
    description: 'Sets a new password (never logged, never echoed); by default logs every device out.',
    extensions: auditedCost(cost.perCall(1, 'password reset')),
    args: {
      userId: userArg(t),
      newPassword: t.arg.string({ required: true, validate: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters') }),
      logoutDevices: t.arg.boolean({ defaultValue: true }),
    },
    resolve: (_root, { userId, newPassword, logoutDevices }, ctx) => changed(ctx, userId, 'resetPassword', { logoutDevices: logoutDevices ?? true }, () => ctx.synapse.users.resetPassword(userId, newPassword, logoutDevices ?? true)),
  }),
  lockUser: t.field({
    type: User,
    description: 'Locks the account: its tokens stop working until it is unlocked.',
    extensions: auditedCost(cost.perCall(2, 'existence check and lock')),
    args: { userId: userArg(t) },
    resolve: async (_root, { userId }, ctx) => {
      await existing(ctx, userId);
      return changed(ctx, userId, 'lockUser', {}, () => ctx.synapse.users.setLocked(userId, true));
    },
  }),
  unlockUser: t.field({
    type: User,
    extensions: auditedCost(cost.perCall(2, 'existence check and unlock')),
    args: { userId: userArg(t) },
    resolve: async (_root, { userId }, ctx) => {
      await existing(ctx, userId);
      return changed(ctx, userId, 'unlockUser', {}, () => ctx.synapse.users.setLocked(userId, false));
    },
  }),
  suspendUser: t.field({
    type: User,
    description: 'Suspends the account: it can read but not send, join or change its profile.',
    extensions: auditedCost(cost.perCall(1, 'suspend')),
    args: { userId: userArg(t) },
    resolve: (_root, { userId }, ctx) => changed(ctx, userId, 'suspendUser', {}, () => ctx.synapse.users.setSuspended(userId, true)),
  }),
  unsuspendUser: t.field({
    type: User,
    extensions: auditedCost(cost.perCall(1, 'unsuspend')),
    args: { userId: userArg(t) },
    resolve: (_root, { userId }, ctx) => changed(ctx, userId, 'unsuspendUser', {}, () => ctx.synapse.users.setSuspended(userId, false)),
  }),
  setShadowBanned: t.field({
    type: User,
    description: "Shadow-bans a user (their messages seem to go out but reach nobody), or lifts it.",
    extensions: auditedCost(cost.perCall(1, 'shadow ban')),
    args: { userId: userArg(t), banned: t.arg.boolean({ required: true }) },
    resolve: (_root, { userId, banned }, ctx) => changed(ctx, userId, 'setShadowBanned', { banned }, () => ctx.synapse.users.setShadowBanned(userId, banned)),
  }),
  deleteDevice: t.field({
    type: User,
    description: "Deletes a device and its access tokens (the user is logged out there). An unknown device is NOT_FOUND.",
    extensions: auditedCost(cost.perCall(2, 'device check and delete')),
    args: {
      userId: userArg(t),
      deviceId: t.arg.id({ required: true, validate: z.string().refine(isLegalIdentifier, { message: 'is not a device ID' }) }),
    },
    resolve: async (_root, { userId, deviceId }, ctx) => {
      local(ctx, userId);
      // Synapse deletes an unknown device without a word.
      const devices = await ctx.loaders.users.devices.load(userId);
      if (!devices.some((device) => device.device_id === deviceId)) {
        throw new SynapseError('NOT_FOUND', `${userId} has no device ${deviceId}`);
      }
      return changed(ctx, userId, 'deleteDevice', { deviceId }, () => ctx.synapse.users.deleteDevice(userId, deviceId));
    },
  }),
  joinUserToRoom: t.field({
    type: User,
    description: 'Joins a local user to a room this server is in (inviting them first unless it is public), as the undo guide in the rooms API docs does.',
    extensions: auditedCost(cost.perCall(1, 'join')),
    args: { roomIdOrAlias: t.arg.id({ required: true, description: 'A room ID or alias.', validate: roomIdOrAliasArg }), userId: userArg(t) },
    resolve: (_root, { roomIdOrAlias, userId }, ctx) => changed(ctx, userId, 'joinUserToRoom', { roomIdOrAlias }, () => ctx.synapse.rooms.joinUser(roomIdOrAlias, userId)),
  }),
  setRateLimit: t.field({
    type: User,
    description: 'Overrides the message rate limit for a user; 0 messages per second lifts it.',
    extensions: auditedCost(cost.perCall(1, 'rate-limit override')),
    args: {
      userId: userArg(t),
      messagesPerSecond: t.arg.int({ required: true, validate: z.number().int().min(0) }),
      burstCount: t.arg.int({ required: true, validate: z.number().int().min(0) }),
    },
    resolve: (_root, { userId, messagesPerSecond, burstCount }, ctx) => changed(ctx, userId, 'setRateLimit', { messagesPerSecond, burstCount }, () => ctx.synapse.users.setRateLimit(userId, { messagesPerSecond, burstCount })),
  }),
  clearRateLimit: t.field({
    type: User,
    extensions: auditedCost(cost.perCall(1, 'rate-limit override')),
    args: { userId: userArg(t) },
    resolve: (_root, { userId }, ctx) => changed(ctx, userId, 'clearRateLimit', {}, () => ctx.synapse.users.clearRateLimit(userId)),
  }),
}));
