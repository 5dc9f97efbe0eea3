import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { realClock, type Clock } from './clock.js';
import { DeleteTaskScheduler, type DeleteTimings, type SimTask } from './delete-tasks.js';
import { Homeserver, type SimEvent, type SimRoom } from './homeserver.js';

export interface SimulatorOptions {
  serverName?: string;
  clock?: Clock;
  /** Added before every answer (real time, for the demo and benchmarks). */
  latencyMs?: number;
  deleteTimings?: Partial<DeleteTimings>;
  /** Pretend to be a server without the scheduled-tasks admin API. */
  withoutScheduledTasksApi?: boolean;
}

/** A canned failure for the next matching requests: an HTTP answer, a dropped connection, or no answer at all. */
export interface Fault {
  method?: string;
  path: RegExp;
  times?: number;
  respond:
    | { status: number; body?: unknown; rawBody?: string; headers?: Record<string, string> }
    | 'reset'
    | 'hang'
    /** A 200 whose JSON body arrives one byte per interval, for ever (real time). */
    | { trickleEveryMs: number }
    /** A 200 with a body of this many bytes; `declared` sends its Content-Length up front. */
    | { bodyBytes: number; declared: boolean };
}

interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  auth: 'none' | 'user' | 'admin';
  handle: (ctx: RequestContext) => Answer | Promise<Answer>;
}

interface RequestContext {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  requester: string;
}

type Answer = [number, unknown];

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const notFound = (message: string) => new HttpError(404, 'M_NOT_FOUND', message);
const unknown400 = (message: string) => new HttpError(400, 'M_UNKNOWN', message);
const invalidParam = (message: string) => new HttpError(400, 'M_INVALID_PARAM', message);

// RoomID.is_valid: "!localpart:server" or "!" + 43 URL-safe base64 characters.
const legalRoomId = (id: string) => /^!([^:]*:[A-Za-z0-9.[\]:-]+|[A-Za-z0-9_-]{43})$/.test(id);

// order_by → [extract, ascending by default]
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

/** An in-process Synapse admin API, faithful to shared/reference/synapse-admin-api.md for the endpoints it serves. */
export class SynapseSimulator {
  readonly hs: Homeserver;
  readonly deletes: DeleteTaskScheduler;
  readonly server: Server;
  latencyMs: number;
  /** Requests per route name ("GET rooms/details"), since the last reset. */
  readonly calls = new Map<string, number>();
  /** Most requests being handled at once since the last reset (to check the gateway's concurrency cap). */
  maxInFlight = 0;
  /** Requests being handled right now (a request the client abandoned stops counting when its socket closes). */
  inFlight = 0;
  /** Body bytes written by large-body faults since the last reset. */
  faultBytesSent = 0;
  private faults: Fault[] = [];
  private readonly hung = new Set<() => void>();
  private readonly sockets = new Set<Socket>();
  private readonly routes: Route[];
  private readonly withoutScheduledTasksApi: boolean;

  constructor(options: SimulatorOptions = {}) {
    this.hs = new Homeserver(options.serverName ?? 'sim.test', options.clock ?? realClock);
    this.deletes = new DeleteTaskScheduler(this.hs, options.deleteTimings);
    this.latencyMs = options.latencyMs ?? 0;
    this.withoutScheduledTasksApi = options.withoutScheduledTasksApi ?? false;
    this.routes = this.buildRoutes();
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  resetCounters(): void {
    this.calls.clear();
    this.maxInFlight = this.inFlight;
    this.faultBytesSent = 0;
  }

  count(routeName?: string): number {
    if (routeName) return this.calls.get(routeName) ?? 0;
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    res.once('close', () => this.inFlight--);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
      this.calls.set('fault', (this.calls.get('fault') ?? 0) + 1);
      if (fault.respond === 'reset') return void req.socket.destroy();
      if (fault.respond === 'hang') {
        // Held until released (or the client gives up): then answered as if nothing had happened.
        const release = () => void this.answer(res, method, url, rawBody, req.headers.authorization);
        this.hung.add(release);
        res.once('close', () => this.hung.delete(release));
        return;
      }
      if ('trickleEveryMs' in fault.respond) return trickle(res, fault.respond.trickleEveryMs);
      if ('bodyBytes' in fault.respond) return sendBytes(res, fault.respond.bodyBytes, fault.respond.declared, (bytes) => (this.faultBytesSent += bytes));
      const { status, body, rawBody: text, headers } = fault.respond;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      return void res.end(text ?? JSON.stringify(body ?? {}));
    }

    await this.answer(res, method, url, rawBody, req.headers.authorization);
  }

  /** Answers requests held by 'hang' faults, the way they would have been answered. */
  releaseHung(): void {
    for (const release of [...this.hung]) {
      this.hung.delete(release);
      release();
    }
  }

  private async answer(res: ServerResponse, method: string, url: URL, rawBody: string, authorization: string | undefined): Promise<void> {
    let status: number;
    let payload: unknown;
    try {
      [status, payload] = await this.dispatch(method, url, rawBody, authorization);
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        payload = { errcode: error.errcode, error: error.message, ...error.extra };
      } else {
        status = 500;
        payload = { errcode: 'M_UNKNOWN', error: 'Internal server error' };
      }
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }

  private async dispatch(method: string, url: URL, rawBody: string, authorization: string | undefined): Promise<Answer> {
    const candidates = this.routes.filter((r) => r.pattern.test(url.pathname));
    if (candidates.length === 0) throw new HttpError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
    const route = candidates.find((r) => r.method === method);
    if (!route) throw new HttpError(405, 'M_UNRECOGNIZED', 'Unrecognized request');
    this.calls.set(route.name, (this.calls.get(route.name) ?? 0) + 1);
    const requester = route.auth === 'none' ? '' : this.authenticate(authorization, route.auth === 'admin');
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p));
    let body: unknown;
    if (rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new HttpError(400, 'M_NOT_JSON', 'Content not JSON.');
      }
    }
    return route.handle({ params, query: url.searchParams, body, requester });
  }

  private authenticate(authorization: string | undefined, admin: boolean): string {
    const token = authorization?.match(/^Bearer (\S+)$/)?.[1];
    if (!token) throw new HttpError(401, 'M_MISSING_TOKEN', 'Missing access token');
    const userId = this.hs.tokens.get(token);
    const user = userId ? this.hs.users.get(userId) : undefined;
    if (!user || user.deactivated) throw new HttpError(401, 'M_UNKNOWN_TOKEN', 'Unknown access token', { soft_logout: false });
    if (user.locked) throw new HttpError(401, 'M_USER_LOCKED', 'User account has been locked', { soft_logout: true });
    if (admin && !user.admin) throw new HttpError(403, 'M_FORBIDDEN', 'You are not a server admin');
    return user.userId;
  }

  private room(roomId: string): SimRoom {
    const room = this.hs.rooms.get(roomId);
    if (!room) throw notFound('Room not found');
    return room;
  }

  private buildRoutes(): Route[] {
    const { hs } = this;
    const admin = '^/_synapse/admin';
    const route = (name: string, method: string, pattern: string, auth: Route['auth'], handle: Route['handle']): Route => ({
      name: `${method} ${name}`,
      method,
      pattern: new RegExp(`${pattern}$`),
      auth,
      handle,
    });
    const routes: Route[] = [
      route('whoami', 'GET', '^/_matrix/client/(?:v3|r0)/account/whoami', 'user', ({ requester }) => [
        200,
        { user_id: requester, is_guest: false, device_id: 'SIMDEVICE' },
      ]),
      route('versions', 'GET', '^/_matrix/client/versions', 'none', () => [200, { versions: ['v1.11'] }]),
      route('server_version', 'GET', `${admin}/v1/server_version`, 'none', () => [200, { server_version: '1.160.0 (simulated)' }]),
      route('rooms/list', 'GET', `${admin}/v1/rooms`, 'admin', ({ query }) => [200, this.listRooms(query)]),
      route('rooms/details', 'GET', `${admin}/v1/rooms/([^/]*)`, 'admin', ({ params }) => [200, hs.details(this.room(params[0]!))]),
      route('rooms/members', 'GET', `${admin}/v1/rooms/([^/]*)/members`, 'admin', ({ params }) => {
        const members = hs.joinedMembers(this.room(params[0]!));
        return [200, { members, total: members.length }];
      }),
      route('rooms/state', 'GET', `${admin}/v1/rooms/([^/]*)/state`, 'admin', ({ params, query }) => {
        const type = query.get('type');
        const state = [...this.room(params[0]!).state.values()].filter((e) => type === null || e.type === type);
        return [200, { state: state.map((e) => hs.clientEvent(e)) }];
      }),
      route('rooms/block', 'GET', `${admin}/v1/rooms/([^/]*)/block`, 'admin', ({ params }) => {
        const roomId = this.legalRoom(params[0]!);
        const blocker = hs.blocked.get(roomId);
        return [200, blocker ? { block: true, user_id: blocker } : { block: false }];
      }),
      route('rooms/block', 'PUT', `${admin}/v1/rooms/([^/]*)/block`, 'admin', ({ params, body, requester }) => {
        const object = this.jsonObject(body);
        const roomId = this.legalRoom(params[0]!);
        if (!('block' in object)) throw new HttpError(400, 'M_MISSING_PARAM', 'Missing params: [\'block\']');
        if (typeof object.block !== 'boolean') throw new HttpError(400, 'M_BAD_JSON', "Param 'block' must be a boolean.");
        if (object.block) {
          if (!hs.blocked.has(roomId)) hs.blocked.set(roomId, requester);
        } else hs.blocked.delete(roomId);
        return [200, { block: object.block }];
      }),
      route('rooms/delete_v1', 'DELETE', `${admin}/v1/rooms/([^/]*)`, 'admin', ({ params, body, requester }) => this.deleteSynchronously(params[0]!, body, requester)),
      route('rooms/delete', 'DELETE', `${admin}/v2/rooms/([^/]*)`, 'admin', ({ params, body, requester }) => this.startDelete(params[0]!, body, requester)),
      route('rooms/delete_status', 'GET', `${admin}/v2/rooms/([^/]*)/delete_status`, 'admin', ({ params }) => {
        const roomId = this.legalRoom(params[0]!);
        // By room, Synapse only asks for active, complete and failed tasks: scheduled ones are invisible.
        const results = this.tasks()
          .filter((t) => t.resourceId === roomId && ['active', 'complete', 'failed'].includes(t.status))
          .map(deleteStatus);
        if (results.length === 0) throw notFound(`No delete task for room_id '${roomId}' found`);
        return [200, { results }];
      }),
      route('delete_status', 'GET', `${admin}/v2/rooms/delete_status/([^/]*)`, 'admin', ({ params }) => {
        const task = this.deletes.tasks.get(params[0]!);
        if (!task) throw notFound(`delete id '${params[0]}' not found`);
        return [200, deleteStatus(task)];
      }),
      route('rooms/make_room_admin', 'POST', `${admin}/v1/rooms/([^/]*)/make_room_admin`, 'admin', ({ params, body, requester }) => {
        const room = this.resolveRoom(params[0]!);
        const target = typeof (body as { user_id?: unknown } | undefined)?.user_id === 'string' ? String((body as { user_id: string }).user_id) : requester;
        const localJoined = room ? hs.joinedMembers(room).filter((id) => hs.isMine(id)) : [];
        if (!room || localJoined.length === 0) throw unknown400('Server not in room');
        const [best] = localJoined.sort((a, b) => hs.powerLevel(room, b) - hs.powerLevel(room, a));
        const levels = hs.stateContent(room, 'm.room.power_levels') ?? {};
        const needed = Number((levels.events as Record<string, number> | undefined)?.['m.room.power_levels'] ?? levels.state_default ?? 50);
        if (!best || hs.powerLevel(room, best) < needed) throw unknown400('No local admin user in room with power to update power levels.');
        hs.setState(room, best, 'm.room.power_levels', '', { ...levels, users: { ...((levels.users ?? {}) as object), [target]: hs.powerLevel(room, best) } });
        const joined = hs.joinedMembers(room).includes(target);
        if (!joined && hs.stateContent(room, 'm.room.join_rules')?.join_rule !== 'public') hs.setMembership(room, best, target, 'invite');
        return [200, {}];
      }),
      route('rooms/forward_extremities', 'GET', `${admin}/v1/rooms/([^/]*)/forward_extremities`, 'admin', ({ params }) => {
        const results = this.extremities(this.resolveRoom(params[0]!));
        return [200, { count: results.length, results }];
      }),
      route('rooms/forward_extremities', 'DELETE', `${admin}/v1/rooms/([^/]*)/forward_extremities`, 'admin', ({ params }) => {
        const room = this.resolveRoom(params[0]!);
        // Synapse fails with a 500 when there is nothing to delete from (an unknown room).
        if (!room || room.timeline.length === 0) throw new HttpError(500, 'M_UNKNOWN', 'Internal server error');
        const deleted = room.extraExtremities.length;
        room.extraExtremities = [];
        return [200, { deleted }];
      }),
      route('rooms/context', 'GET', `${admin}/v1/rooms/([^/]*)/context/([^/]*)`, 'admin', ({ params, query }) => {
        const room = hs.rooms.get(params[0]!);
        if (!room) throw new HttpError(404, 'M_UNKNOWN', 'No row found (events)');
        const index = room.timeline.findIndex((e) => e.event_id === params[1]);
        if (index < 0) throw notFound('Event not found.');
        const limit = query.get('limit') === null ? 10 : Number(query.get('limit'));
        const beforeLimit = Math.floor(limit / 2);
        const event = (e: SimEvent) => hs.clientEvent(e);
        return [
          200,
          {
            // Newest first, as Synapse returns them.
            events_before: room.timeline.slice(Math.max(0, index - beforeLimit), index).reverse().map(event),
            event: event(room.timeline[index]!),
            events_after: room.timeline.slice(index + 1, index + 1 + limit - beforeLimit).map(event),
            state: [...room.state.values()].map(event),
            start: `s${index}`,
            end: `s${index + 1}`,
          },
        ];
      }),
      route('users/details', 'GET', `${admin}/v2/users/([^/]*)`, 'admin', ({ params }) => {
        const userId = params[0]!;
        if (!/^@[^:]+:.+$/.test(userId)) throw invalidParam('Invalid user ID');
        if (!hs.isMine(userId)) throw unknown400('Can only look up local users');
        const user = hs.users.get(userId);
        if (!user) throw notFound('User not found');
        return [200, userDetails(user)];
      }),
      route('users/admin', 'GET', `${admin}/v1/users/([^/]*)/admin`, 'admin', ({ params }) => [200, { admin: hs.users.get(params[0]!)?.admin ?? false }]),
    ];
    // Not Synapse: the simulator's own control API, for benchmarks in another process (counters, timelines, knobs).
    routes.push(
      route('simulator/stats', 'GET', '^/_simulator/stats', 'none', () => [
        200,
        { calls: Object.fromEntries(this.calls), maxInFlight: this.maxInFlight, rooms: hs.rooms.size },
      ]),
      route('simulator/reset', 'POST', '^/_simulator/reset', 'none', () => {
        this.resetCounters();
        return [200, {}];
      }),
      route('simulator/config', 'POST', '^/_simulator/config', 'none', ({ body }) => {
        const config = (body ?? {}) as { latencyMs?: number; deleteTimings?: Partial<DeleteTimings>; maxConcurrentTasks?: number };
        if (config.latencyMs !== undefined) this.latencyMs = config.latencyMs;
        if (config.deleteTimings) Object.assign(this.deletes.timings, config.deleteTimings);
        if (config.maxConcurrentTasks !== undefined) this.deletes.maxConcurrent = config.maxConcurrentTasks;
        return [200, {}];
      }),
      route('simulator/launch', 'POST', '^/_simulator/launch', 'none', () => {
        this.deletes.launchWaiting();
        return [200, {}];
      }),
      route('simulator/tasks', 'GET', '^/_simulator/tasks', 'none', () => [
        200,
        { tasks: this.tasks().map((t) => ({ id: t.id, roomId: t.resourceId, status: t.status, history: t.history })) },
      ]),
    );
    if (!this.withoutScheduledTasksApi) {
      routes.push(
        route('scheduled_tasks', 'GET', `${admin}/v1/scheduled_tasks`, 'admin', ({ query }) => {
          const filters = { action: query.get('action_name'), resource: query.get('resource_id'), status: query.get('status') ?? query.get('job_status') };
          const maxTs = query.get('max_timestamp');
          const tasks = this.tasks().filter(
            (t) =>
              (!filters.action || t.action === filters.action) &&
              (!filters.resource || t.resourceId === filters.resource) &&
              (!filters.status || t.status === filters.status) &&
              (!maxTs || t.timestampMs <= Number(maxTs)),
          );
          return [200, { scheduled_tasks: tasks.map(scheduledTask) }];
        }),
      );
    }
    return routes;
  }

  private tasks(): SimTask[] {
    return [...this.deletes.tasks.values()].sort((a, b) => a.timestampMs - b.timestampMs);
  }

  /** A room ID or alias, as Synapse's ResolveRoomIdMixin takes them; undefined for a legal but unknown ID. */
  private resolveRoom(roomIdOrAlias: string): SimRoom | undefined {
    if (roomIdOrAlias.startsWith('#') && /^#[^:]+:.+$/.test(roomIdOrAlias)) {
      const room = this.hs.roomByAlias(roomIdOrAlias);
      if (!room) throw notFound(`Room alias ${roomIdOrAlias} not found`);
      return room;
    }
    if (!legalRoomId(roomIdOrAlias)) throw unknown400(`${roomIdOrAlias} was not legal room ID or room alias`);
    return this.hs.rooms.get(roomIdOrAlias);
  }

  private extremities(room: SimRoom | undefined) {
    if (!room || room.timeline.length === 0) return [];
    return [...room.extraExtremities, room.timeline.at(-1)!].map((e, i) => ({
      event_id: e.event_id,
      state_group: 1000 + i,
      depth: room.timeline.indexOf(e) + 1,
      received_ts: e.origin_server_ts,
    }));
  }

  private legalRoom(roomId: string): string {
    if (!legalRoomId(roomId)) throw unknown400(`${roomId} is not a legal room ID`);
    return roomId;
  }

  private jsonObject(body: unknown): Record<string, unknown> {
    if (body === undefined) throw new HttpError(400, 'M_NOT_JSON', 'Content not JSON.');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'M_BAD_JSON', 'Content must be a JSON object.');
    return body as Record<string, unknown>;
  }

  private startDelete(roomId: string, body: unknown, requester: string): Answer {
    const object = this.jsonObject(body);
    const bool = (key: string, fallback: boolean) => {
      const value = object[key];
      if (value === undefined) return fallback;
      if (typeof value !== 'boolean') throw new HttpError(400, 'M_BAD_JSON', `Param '${key}' must be a boolean, if given`);
      return value;
    };
    const block = bool('block', false);
    const purge = bool('purge', true);
    const forcePurge = bool('force_purge', false);
    this.legalRoom(roomId);
    if (this.deletes.activeFor(roomId)) throw unknown400(`Purge already in progress for ${roomId}`);
    const newRoomUserId = object.new_room_user_id;
    if (newRoomUserId !== undefined && newRoomUserId !== null && !(typeof newRoomUserId === 'string' && this.hs.isMine(newRoomUserId))) {
      throw unknown400(`User must be our own: ${String(newRoomUserId)}`);
    }
    const task = this.deletes.start(roomId, {
      block,
      purge,
      forcePurge,
      newRoomUserId: typeof newRoomUserId === 'string' ? newRoomUserId : null,
      roomName: object.room_name ?? 'Content Violation Notification',
      message: object.message ?? 'Sharing illegal content on this server is not permitted and rooms in violation will be blocked.',
      requester,
    });
    return [200, { delete_id: task.id }];
  }

  /** v1 delete: the whole shutdown and purge inside the request, as the seed's shell loop uses it. */
  private async deleteSynchronously(roomId: string, body: unknown, requester: string): Promise<Answer> {
    const object = this.jsonObject(body);
    this.legalRoom(roomId);
    const room = this.hs.rooms.get(roomId);
    const result = { kicked_users: [] as string[], failed_to_kick_users: [] as string[], local_aliases: [] as string[], new_room_id: null };
    if (object.block === true && !this.hs.blocked.has(roomId)) this.hs.blocked.set(roomId, requester);
    if (!room) return [200, result];
    for (const userId of this.hs.membersWith(room, ['join', 'invite', 'knock']).filter((id) => this.hs.isMine(id))) {
      this.hs.setMembership(room, userId, userId, 'leave');
      result.kicked_users.push(userId);
    }
    const { kickMsPerUser, purgeMs } = this.deletes.timings;
    const work = kickMsPerUser * result.kicked_users.length + (object.purge === false ? 0 : purgeMs);
    await new Promise<void>((resolve) => this.hs.clock.schedule(work, resolve));
    if (object.purge !== false) this.hs.rooms.delete(roomId);
    return [200, result];
  }

  private listRooms(query: URLSearchParams) {
    const integer = (name: string, fallback: number) => {
      const raw = query.get(name);
      if (raw === null) return fallback;
      if (!/^-?\d+$/.test(raw)) throw invalidParam(`Query parameter ${JSON.stringify(name)} must be an integer`);
      const value = Number(raw);
      if (value < 0) throw invalidParam(`Query parameter ${JSON.stringify(name)} must be a positive integer.`);
      return value;
    };
    const boolean = (name: string) => {
      const raw = query.get(name);
      if (raw === null) return undefined;
      if (raw !== 'true' && raw !== 'false') throw invalidParam(`Boolean query parameter ${JSON.stringify(name)} must be one of ['true', 'false']`);
      return raw === 'true';
    };
    const from = integer('from', 0);
    const limit = integer('limit', 100);
    const orderBy = query.get('order_by') ?? 'name';
    const ordering = orderings[orderBy];
    if (!ordering) throw invalidParam(`Query parameter 'order_by' must be one of [${Object.keys(orderings).map((k) => `'${k}'`).join(', ')}]`);
    const dir = query.get('dir') ?? 'f';
    if (dir !== 'f' && dir !== 'b') throw invalidParam("Query parameter 'dir' must be one of ['b', 'f']");
    const searchTerm = query.get('search_term');
    if (searchTerm === '') throw invalidParam('search_term cannot be an empty string');
    const publicRooms = boolean('public_rooms');
    const emptyRooms = boolean('empty_rooms');

    let entries = [...this.hs.rooms.values()].map((room) => this.hs.listEntry(room));
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

    const [key, ascending] = ordering;
    const sign = (ascending ? 1 : -1) * (dir === 'b' ? -1 : 1);
    entries.sort((a, b) => sign * (compare(a[key as keyof typeof a], b[key as keyof typeof b]) || compare(a.room_id, b.room_id)));

    const total = entries.length;
    return {
      rooms: entries.slice(from, from + limit),
      offset: from,
      total_rooms: total,
      ...(from + limit < total ? { next_batch: from + limit } : {}),
      ...(from > 0 ? { prev_batch: from > limit ? from - limit : 0 } : {}),
    };
  }
}

function trickle(res: ServerResponse, everyMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const timer = setInterval(() => res.write(' '), everyMs);
  res.once('close', () => clearInterval(timer));
}

/** A large body written in 64 KiB chunks as fast as the client reads them; stops when the client hangs up. */
function sendBytes(res: ServerResponse, total: number, declared: boolean, onSent: (bytes: number) => void): void {
  res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(total) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const write = () => {
    while (sent < total && !res.destroyed) {
      const size = Math.min(chunk.length, total - sent);
      sent += size;
      onSent(size);
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void res.once('drain', write);
    }
    if (!res.destroyed) res.end();
  };
  write();
}

// SQLite order: NULL first, then numbers and booleans, then text by UTF-8 bytes (the BINARY collation).
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'boolean' || typeof a === 'number') return Number(a) - Number(b);
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function deleteStatus(task: SimTask) {
  return { delete_id: task.id, room_id: task.resourceId, status: task.status, shutdown_room: task.result };
}

function scheduledTask(task: SimTask) {
  return {
    id: task.id,
    action: task.action,
    status: task.status,
    timestamp_ms: task.timestampMs,
    resource_id: task.resourceId,
    result: task.result,
    error: task.error,
  };
}

function userDetails(user: import('./homeserver.js').SimUser) {
  return {
    name: user.userId,
    admin: user.admin,
    deactivated: user.deactivated,
    locked: user.locked,
    shadow_banned: user.shadowBanned,
    creation_ts: user.creationTs,
    appservice_id: null,
    consent_server_notice_sent: null,
    consent_version: null,
    consent_ts: null,
    user_type: user.userType,
    is_guest: user.isGuest,
    suspended: false,
    displayname: user.displayName,
    avatar_url: user.avatarUrl,
    threepids: [],
    external_ids: [],
    erased: user.erased,
    last_seen_ts: user.lastSeenTs,
  };
}
