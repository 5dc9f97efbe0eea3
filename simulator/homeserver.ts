import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';

// The simulated homeserver's data, modelled the way Synapse keeps it: a room is its current state events, and the
// admin API's room fields are derived from them (see shared/reference/synapse-admin-api.md).

export interface SimEvent {
  event_id: string;
  type: string;
  /** Absent on events that are not state. */
  state_key: string;
  sender: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
  room_id: string;
  /** Rejected by the auth rules: stored, but never served (pagination drops it after taking its page). */
  rejected?: boolean;
}

export interface SimDevice {
  deviceId: string;
  displayName: string | null;
  lastSeenIp: string | null;
  lastSeenUserAgent: string | null;
  lastSeenTs: number | null;
}

export interface SimMedia {
  mediaId: string;
  mediaType: string;
  mediaLength: number;
  uploadName: string | null;
  createdTs: number;
  lastAccessTs: number | null;
  quarantinedBy: string | null;
  safeFromQuarantine: boolean;
  content: Buffer;
}

export interface SimPusher {
  kind: string;
  appId: string;
  appDisplayName: string;
  deviceDisplayName: string;
  pushkey: string;
  lang: string | null;
  profileTag: string;
  data: Record<string, unknown>;
  deviceId: string | null;
}

export interface SimUser {
  userId: string;
  displayName: string | null;
  avatarUrl: string | null;
  admin: boolean;
  deactivated: boolean;
  erased: boolean;
  locked: boolean;
  suspended: boolean;
  shadowBanned: boolean;
  isGuest: boolean;
  userType: string | null;
  appserviceId: string | null;
  consentVersion: string | null;
  /** Milliseconds. */
  consentTs: number | null;
  /** Seconds, as Synapse stores it. */
  creationTs: number;
  lastSeenTs: number | null;
  threepids: { medium: string; address: string; validatedAt: number; addedAt: number }[];
  externalIds: { authProvider: string; externalId: string }[];
  devices: Map<string, SimDevice>;
  /** Whois: one per access token and IP. */
  connections: { ip: string; userAgent: string; lastSeen: number }[];
  pushers: SimPusher[];
  media: SimMedia[];
  accountData: { global: Record<string, unknown>; rooms: Record<string, Record<string, unknown>> };
  rateLimit: { messagesPerSecond: number; burstCount: number } | null;
  /** In clear: the simulator holds test accounts only. Null: the account cannot log in with a password. */
  password: string | null;
}

export interface SimEventReport {
  id: number;
  receivedTs: number;
  roomId: string;
  eventId: string;
  userId: string;
  score: number | null;
  reason: string | null;
}

export interface SimDestination {
  destination: string;
  retryLastTs: number;
  retryInterval: number;
  failureTs: number | null;
  lastSuccessfulStreamOrdering: number | null;
  /** Rooms shared with it, with their stream ordering. */
  rooms: Map<string, number>;
}

/** A finished background task other than a room delete (those live in the delete-task scheduler). */
export interface SimBackgroundTask {
  id: string;
  action: string;
  resourceId: string;
  timestampMs: number;
}

export interface SimRoom {
  roomId: string;
  /** Listed in the public room directory. */
  public: boolean;
  state: Map<string, SimEvent>;
  /** Every event, oldest first (state and messages). */
  timeline: SimEvent[];
  /** Forward extremities besides the latest event (a room with many is slow; admins delete them). */
  extraExtremities: SimEvent[];
  /** Local users who forgot the room. */
  forgottenBy: Set<string>;
}

export interface CreateRoomOptions {
  creator: string;
  name?: string;
  topic?: string;
  alias?: string;
  avatar?: string;
  encrypted?: boolean;
  space?: boolean;
  public?: boolean;
  federate?: boolean;
  version?: string;
  roomId?: string;
}

export interface SeedOptions {
  /** Rooms whose creator has left: no local member, history kept. */
  emptyRooms?: number;
  /** Local users `@<prefix>-NNNN`, each joined to `roomsPerUser` rooms of their own (default 1). */
  users?: number;
  roomsPerUser?: number;
  /** Default "seed". */
  prefix?: string;
  /** An existing local user to create the empty rooms; default `@<prefix>-creator`, made if missing. */
  creator?: string;
}

export interface SeedResult {
  /** Who created (and left) the empty rooms; null without empty rooms. */
  creator: string | null;
  emptyRoomIds: string[];
  userIds: string[];
  /** user ID → the rooms made for that user. */
  userRoomIds: Record<string, string[]>;
}

export class Homeserver {
  readonly users = new Map<string, SimUser>();
  readonly tokens = new Map<string, string>();
  /** token → the device it logged in */
  readonly deviceOfToken = new Map<string, string>();
  readonly rooms = new Map<string, SimRoom>();
  /** roomId → the admin who blocked it first. */
  readonly blocked = new Map<string, string>();
  readonly eventReports: SimEventReport[] = [];
  readonly destinations = new Map<string, SimDestination>();
  readonly backgroundTasks: SimBackgroundTask[] = [];
  /** Clock time the background parter takes per room it leaves for a deactivated user (Synapse: about 70 ms). */
  partIntervalMs = 70;
  /** users_pending_deactivation, oldest first; `rooms` is read when the parter reaches the user. */
  private readonly partQueue: { userId: string; rooms: string[] | null }[] = [];
  private cancelParter: (() => void) | null = null;
  /** user ID → rooms with a membership event for them, in the order they got one (rooms since deleted included). */
  private readonly roomsOfMember = new Map<string, Set<string>>();
  private eventCounter = 0;

  constructor(
    readonly serverName: string,
    readonly clock: Clock,
  ) {}

  isMine(userId: string): boolean {
    return userId.slice(userId.indexOf(':') + 1) === this.serverName;
  }

  createUser(localpart: string, options: Partial<Omit<SimUser, 'userId'>> & { token?: string } = {}): SimUser {
    const { token, ...fields } = options;
    const user: SimUser = {
      userId: `@${localpart}:${this.serverName}`,
      displayName: localpart,
      avatarUrl: null,
      admin: false,
      deactivated: false,
      erased: false,
      locked: false,
      suspended: false,
      shadowBanned: false,
      isGuest: false,
      userType: null,
      appserviceId: null,
      consentVersion: null,
      consentTs: null,
      creationTs: Math.floor(this.clock.now() / 1000),
      lastSeenTs: null,
      threepids: [],
      externalIds: [],
      devices: new Map(),
      connections: [],
      pushers: [],
      media: [],
      accountData: { global: {}, rooms: {} },
      rateLimit: null,
      password: null,
      ...fields,
    };
    this.users.set(user.userId, user);
    this.login(user.userId, { token });
    return user;
  }

  /** A new device and access token for a user, as a login makes them: not seen until the token is used. */
  login(userId: string, options: { token?: string; deviceId?: string; displayName?: string } = {}): { token: string; deviceId: string } {
    const user = this.users.get(userId)!;
    const deviceId = options.deviceId ?? randomBytes(5).toString('hex').toUpperCase();
    const token = options.token ?? `syt_${userId.slice(1, userId.indexOf(':'))}_${randomBytes(8).toString('hex')}`;
    user.devices.set(deviceId, { deviceId, displayName: options.displayName ?? null, lastSeenIp: null, lastSeenUserAgent: null, lastSeenTs: null });
    this.tokens.set(token, userId);
    this.deviceOfToken.set(token, deviceId);
    return { token, deviceId };
  }

  /** As Synapse's client-IP tracking: a request with a token updates its device and the user's connections (whois). */
  recordUse(token: string, ip = '127.0.0.1', userAgent = 'simulator'): void {
    const user = this.users.get(this.tokens.get(token) ?? '');
    if (!user) return;
    const now = this.clock.now();
    user.lastSeenTs = now;
    const device = user.devices.get(this.deviceOfToken.get(token) ?? '');
    if (device) Object.assign(device, { lastSeenIp: ip, lastSeenUserAgent: userAgent, lastSeenTs: now });
    const connection = user.connections.find((c) => c.ip === ip && c.userAgent === userAgent);
    if (connection) connection.lastSeen = now;
    else user.connections.push({ ip, userAgent, lastSeen: now });
  }

  /** Logs a user's devices out (their tokens stop working), keeping `keep`. */
  logout(userId: string, keep?: string): void {
    const user = this.users.get(userId)!;
    for (const [token, owner] of [...this.tokens]) {
      if (owner !== userId) continue;
      const deviceId = this.deviceOfToken.get(token);
      if (deviceId !== undefined && deviceId === keep) continue;
      this.tokens.delete(token);
      if (deviceId !== undefined) user.devices.delete(deviceId);
    }
  }

  /** An upload, as the media repository records it. */
  upload(userId: string, content: Buffer, options: { mediaType?: string; uploadName?: string } = {}): SimMedia {
    const media: SimMedia = {
      mediaId: randomBytes(12).toString('base64url'),
      mediaType: options.mediaType ?? 'application/octet-stream',
      mediaLength: content.length,
      uploadName: options.uploadName ?? null,
      createdTs: this.clock.now(),
      lastAccessTs: null,
      quarantinedBy: null,
      safeFromQuarantine: false,
      content,
    };
    this.users.get(userId)!.media.push(media);
    return media;
  }

  /** As Synapse's profile handler: the new name goes into every joined room's member event, by a scheduled task. */
  setDisplayName(userId: string, displayName: string | null): void {
    const user = this.users.get(userId)!;
    user.displayName = displayName;
    for (const room of this.rooms.values()) {
      if (this.joinedMembers(room).includes(userId)) this.setMembership(room, userId, userId, 'join');
    }
    this.backgroundTasks.push({ id: randomBytes(12).toString('base64url').slice(0, 16), action: 'update_join_states', resourceId: userId, timestampMs: this.clock.now() });
  }

  /**
   * As Synapse's deactivation (DeactivateAccountHandler): tokens, devices, threepids, pushers and account data go and
   * pending invites are rejected at once; joined rooms are left afterwards by the background parter. Idempotent: a
   * deactivated user can be deactivated again (and erased then). Admins are deactivated like anyone.
   */
  deactivate(userId: string, erase: boolean): void {
    const user = this.users.get(userId)!;
    user.deactivated = true;
    user.threepids = [];
    user.pushers = [];
    user.accountData = { global: {}, rooms: {} };
    this.logout(user.userId);
    if (erase) {
      user.erased = true;
      user.displayName = null;
      user.avatarUrl = null;
    }
    // _reject_pending_invites_and_knocks_for_user, inside the request.
    for (const room of this.roomsWithMembership(user.userId, ['invite', 'knock'])) this.setMembership(room, user.userId, user.userId, 'leave');
    // users_pending_deactivation, then _start_user_parting.
    if (!this.partQueue.some((p) => p.userId === userId)) this.partQueue.push({ userId, rooms: null });
    this.startParter();
  }

  /** Rooms the parter has still to leave, over every user waiting for it. */
  get partsPending(): number {
    return this.partQueue.reduce((sum, p) => sum + (p.rooms ?? this.joinedRoomsOf(p.userId)).length, 0);
  }

  /** Users waiting for the parter (the one it is parting included). */
  get usersPendingParting(): string[] {
    return this.partQueue.map((p) => p.userId);
  }

  /**
   * Does the parter's work now instead of on the clock: every waiting user's, or only `userId`'s (for seeding a state
   * a real server reaches soon after a deactivation).
   */
  finishParting(userId?: string): void {
    for (const pending of this.partQueue.filter((p) => userId === undefined || p.userId === userId)) {
      pending.rooms ??= this.joinedRoomsOf(pending.userId);
      while (pending.rooms.length > 0) this.partRoom(pending.userId, pending.rooms.shift()!);
      this.partQueue.splice(this.partQueue.indexOf(pending), 1);
    }
    if (!this.hasPartingWork()) {
      this.cancelParter?.();
      this.cancelParter = null;
    }
  }

  /** The rooms a user is joined to, in the order the parter leaves them. */
  joinedRoomsOf(userId: string): string[] {
    return this.roomsWithMembership(userId, ['join']).map((room) => room.roomId);
  }

  /** Existing rooms where the user's current membership is one of these. */
  roomsWithMembership(userId: string, memberships: string[]): SimRoom[] {
    const result: SimRoom[] = [];
    for (const roomId of this.roomsOfMember.get(userId) ?? []) {
      const room = this.rooms.get(roomId);
      if (room && memberships.includes(String(this.stateContent(room, 'm.room.member', userId)?.membership))) result.push(room);
    }
    return result;
  }

  /** Synapse's _user_parter_loop: one user at a time, their rooms read when it reaches them, one room per interval. */
  private startParter(): void {
    if (this.cancelParter || !this.hasPartingWork()) return;
    this.cancelParter = this.clock.schedule(this.partIntervalMs, () => {
      this.cancelParter = null;
      if (!this.hasPartingWork()) return;
      const head = this.partQueue[0]!;
      this.partRoom(head.userId, head.rooms!.shift()!);
      this.startParter();
    });
  }

  /** Drops users with nothing left to part from the head of the queue; true if a room is left to part. */
  private hasPartingWork(): boolean {
    for (;;) {
      const head = this.partQueue[0];
      if (!head) return false;
      head.rooms ??= this.joinedRoomsOf(head.userId);
      if (head.rooms.length > 0) return true;
      this.partQueue.shift();
    }
  }

  /** _part_user for one room: leave, then forget (a room gone or left meanwhile is skipped, as the leave fails). */
  private partRoom(userId: string, roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room || this.stateContent(room, 'm.room.member', userId)?.membership !== 'join') return;
    this.setMembership(room, userId, userId, 'leave');
    room.forgottenBy.add(userId);
  }

  /**
   * Many users and rooms at once, for large scenarios: `emptyRooms` rooms with a message whose creator (a local user,
   * `creator` or `@<prefix>-creator`) has left, and `users` local users `@<prefix>-NNNN` without a password, each the
   * only member of `roomsPerUser` rooms of their own. Refuses (leaving nothing made) if a user it would make exists.
   */
  seed(options: SeedOptions = {}): SeedResult {
    const prefix = options.prefix ?? 'seed';
    const users = options.users ?? 0;
    const roomsPerUser = options.roomsPerUser ?? (users > 0 ? 1 : 0);
    const emptyRooms = options.emptyRooms ?? 0;
    const localparts = Array.from({ length: users }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
    const creator = options.creator ?? (emptyRooms > 0 ? `@${prefix}-creator:${this.serverName}` : null);
    for (const localpart of localparts) {
      if (this.users.has(`@${localpart}:${this.serverName}`)) throw new Error(`@${localpart}:${this.serverName} already exists`);
    }
    if (creator !== null && options.creator !== undefined && (!this.users.has(creator) || !this.isMine(creator))) throw new Error(`no local user ${creator}`);
    if (creator !== null && !this.users.has(creator)) this.createUser(creator.slice(1, creator.indexOf(':')));
    const result: SeedResult = { creator, emptyRoomIds: [], userIds: [], userRoomIds: {} };
    for (let i = 0; i < emptyRooms; i++) {
      const room = this.createRoom({ creator: creator!, name: `${prefix} empty ${String(i).padStart(4, '0')}` });
      this.sendMessage(room, creator!, `Message in ${prefix} empty room ${i}`);
      this.setMembership(room, creator!, creator!, 'leave');
      result.emptyRoomIds.push(room.roomId);
    }
    for (const localpart of localparts) {
      const user = this.createUser(localpart);
      result.userIds.push(user.userId);
      result.userRoomIds[user.userId] = Array.from({ length: roomsPerUser }, (_, k) => this.createRoom({ creator: user.userId, name: `${localpart} room ${k}` }).roomId);
    }
    return result;
  }

  /** A user's report of an event, as the client API's report endpoint files it. */
  report(reporter: string, roomId: string, eventId: string, reason: string | null, score: number | null): SimEventReport {
    const report: SimEventReport = { id: this.eventReports.length + 1, receivedTs: this.clock.now(), roomId, eventId, userId: reporter, score, reason };
    this.eventReports.push(report);
    return report;
  }

  tokenOf(userId: string): string {
    for (const [token, owner] of this.tokens) if (owner === userId) return token;
    throw new Error(`no token for ${userId}`);
  }

  createRoom(options: CreateRoomOptions): SimRoom {
    const roomId = options.roomId ?? `!${randomBytes(9).toString('base64url')}:${this.serverName}`;
    const room: SimRoom = { roomId, public: options.public ?? false, state: new Map(), timeline: [], extraExtremities: [], forgottenBy: new Set() };
    this.rooms.set(roomId, room);
    const { creator } = options;
    // Room versions 11+ carry no `creator` in the create event: its sender is the creator.
    this.setState(room, creator, 'm.room.create', '', {
      room_version: options.version ?? '11',
      ...(options.space ? { type: 'm.space' } : {}),
      ...(options.federate === false ? { 'm.federate': false } : {}),
    });
    this.setMembership(room, creator, creator, 'join');
    this.setState(room, creator, 'm.room.power_levels', '', { users: { [creator]: 100 }, users_default: 0 });
    this.setState(room, creator, 'm.room.join_rules', '', { join_rule: options.public ? 'public' : 'invite' });
    this.setState(room, creator, 'm.room.history_visibility', '', { history_visibility: 'shared' });
    // Synapse's private_chat preset allows guests; public_chat sets no guest access at all.
    if (!options.public) this.setState(room, creator, 'm.room.guest_access', '', { guest_access: 'can_join' });
    if (options.name !== undefined) this.setState(room, creator, 'm.room.name', '', { name: options.name });
    if (options.topic !== undefined) this.setState(room, creator, 'm.room.topic', '', { topic: options.topic });
    if (options.avatar !== undefined) this.setState(room, creator, 'm.room.avatar', '', { url: options.avatar });
    if (options.alias !== undefined) this.setState(room, creator, 'm.room.canonical_alias', '', { alias: options.alias });
    if (options.encrypted) this.setState(room, creator, 'm.room.encryption', '', { algorithm: 'm.megolm.v1.aes-sha2' });
    return room;
  }

  setState(room: SimRoom, sender: string, type: string, stateKey: string, content: Record<string, unknown>): SimEvent {
    const event = this.appendEvent(room, sender, type, content, stateKey);
    room.state.set(`${type}\u0000${stateKey}`, event);
    if (type === 'm.room.member') {
      let rooms = this.roomsOfMember.get(stateKey);
      if (!rooms) this.roomsOfMember.set(stateKey, (rooms = new Set()));
      rooms.add(room.roomId);
    }
    return event;
  }

  sendMessage(room: SimRoom, sender: string, body: string): SimEvent {
    return this.appendEvent(room, sender, 'm.room.message', { msgtype: 'm.text', body });
  }

  private appendEvent(room: SimRoom, sender: string, type: string, content: Record<string, unknown>, stateKey?: string): SimEvent {
    const event: SimEvent = {
      event_id: `$${(++this.eventCounter).toString(36)}${randomBytes(6).toString('base64url')}`,
      type,
      ...(stateKey === undefined ? {} : { state_key: stateKey }),
      sender,
      origin_server_ts: this.clock.now(),
      content,
      room_id: room.roomId,
    } as SimEvent;
    room.timeline.push(event);
    return event;
  }

  /** The room whose canonical alias this is. */
  roomByAlias(alias: string): SimRoom | undefined {
    for (const room of this.rooms.values()) if (this.stateContent(room, 'm.room.canonical_alias')?.alias === alias) return room;
    return undefined;
  }

  powerLevel(room: SimRoom, userId: string): number {
    const levels = this.stateContent(room, 'm.room.power_levels') ?? {};
    const users = (levels.users ?? {}) as Record<string, number>;
    return users[userId] ?? Number(levels.users_default ?? 0);
  }

  setMembership(room: SimRoom, sender: string, userId: string, membership: 'join' | 'leave' | 'invite' | 'ban'): void {
    const user = this.users.get(userId);
    this.setState(room, sender, 'm.room.member', userId, {
      membership,
      ...(membership === 'join' && user?.displayName ? { displayname: user.displayName } : {}),
      ...(membership === 'join' && user?.avatarUrl ? { avatar_url: user.avatarUrl } : {}),
    });
  }

  stateContent(room: SimRoom, type: string, stateKey = ''): Record<string, unknown> | undefined {
    return room.state.get(`${type}\u0000${stateKey}`)?.content;
  }

  membersWith(room: SimRoom, memberships: string[]): string[] {
    const result: string[] = [];
    for (const event of room.state.values()) {
      if (event.type === 'm.room.member' && memberships.includes(String(event.content.membership))) result.push(event.state_key);
    }
    return result;
  }

  joinedMembers(room: SimRoom): string[] {
    return this.membersWith(room, ['join']);
  }

  /**
   * Once no local user is joined, Synapse has left the room: it keeps the history but no current state, so the admin
   * API reports the room's state as empty and the fields read from it (name, alias, join rules, …) as null.
   */
  hasLeft(room: SimRoom): boolean {
    return !this.joinedMembers(room).some((id) => this.isMine(id));
  }

  /** The room's current state as the admin API shows it. */
  currentState(room: SimRoom): SimEvent[] {
    return this.hasLeft(room) ? [] : [...room.state.values()];
  }

  /** The fields list rooms returns for a room. */
  listEntry(room: SimRoom) {
    const left = this.hasLeft(room);
    const string = (type: string, key: string) => {
      const value = left ? undefined : this.stateContent(room, type)?.[key];
      return typeof value === 'string' ? value : null;
    };
    const createEvent = room.state.get('m.room.create\u0000');
    const create = createEvent?.content ?? {};
    const joined = this.joinedMembers(room);
    return {
      room_id: room.roomId,
      name: string('m.room.name', 'name'),
      canonical_alias: string('m.room.canonical_alias', 'alias'),
      joined_members: joined.length,
      joined_local_members: joined.filter((id) => this.isMine(id)).length,
      version: typeof create.room_version === 'string' ? create.room_version : '1',
      creator: typeof create.creator === 'string' ? create.creator : (createEvent?.sender ?? null),
      encryption: string('m.room.encryption', 'algorithm'),
      federatable: create['m.federate'] !== false,
      public: room.public,
      join_rules: string('m.room.join_rules', 'join_rule'),
      guest_access: string('m.room.guest_access', 'guest_access'),
      history_visibility: string('m.room.history_visibility', 'history_visibility'),
      state_events: room.state.size,
      room_type: typeof create.type === 'string' ? create.type : null,
    };
  }

  /** The fields room details returns. */
  details(room: SimRoom) {
    const entry = this.listEntry(room);
    const tombstone = this.stateContent(room, 'm.room.tombstone');
    const localMemberships = this.membersWith(room, ['join', 'invite', 'leave', 'ban', 'knock']).filter((id) => this.isMine(id));
    const left = this.hasLeft(room);
    const avatar = left ? null : this.stateContent(room, 'm.room.avatar')?.url;
    const topic = left ? null : this.stateContent(room, 'm.room.topic')?.topic;
    return {
      ...entry,
      avatar: typeof avatar === 'string' ? avatar : null,
      topic: typeof topic === 'string' ? topic : null,
      // One device per joined local user.
      joined_local_devices: entry.joined_local_members,
      forgotten: localMemberships.every((id) => room.forgottenBy.has(id)),
      tombstoned: tombstone !== undefined,
      replacement_room: typeof tombstone?.replacement_room === 'string' ? tombstone.replacement_room : null,
    };
  }

  clientEvent(event: SimEvent) {
    return { ...event, user_id: event.sender, unsigned: { age: Math.max(0, this.clock.now() - event.origin_server_ts) } };
  }
}
