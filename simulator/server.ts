import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { realClock, type Clock } from './clock.js';
import { DeleteTaskScheduler, type DeleteTimings } from './delete-tasks.js';
import { Homeserver } from './homeserver.js';
import { HttpError, RawBody, type Answer, type Route } from './http.js';
import { controlRoutes } from './routes/control.js';
import { deleteTaskRoutes } from './routes/delete-tasks.js';
import { mediaRoutes } from './routes/media.js';
import { scheduledTaskRoutes } from './routes/scheduled-tasks.js';
import { roomRoutes } from './routes/rooms.js';
import { serverRoutes } from './routes/server.js';
import { userRoutes } from './routes/users.js';
import { federationRoutes } from './routes/federation.js';
import { eventReportRoutes } from './routes/event-reports.js';

export interface SimulatorOptions {
  serverName?: string;
  clock?: Clock;
  /** Added before every answer (real time, for the demo and benchmarks). */
  latencyMs?: number;
  deleteTimings?: Partial<DeleteTimings>;
  /** Pretend to be a server without the scheduled-tasks admin API. */
  withoutScheduledTasksApi?: boolean;
  /** Pretend to be Synapse older than 1.93, whose users list is v2 only. */
  withoutV3UserList?: boolean;
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
  /**
   * Room deletes accepted per room ID since the last reset: a v2 DELETE that created a task (one refused because a
   * purge is in progress does not count), or a v1 DELETE past its checks. Requests a fault answered never count.
   */
  readonly deletesByRoom = new Map<string, number>();
  /**
   * Deactivations answered 200 per user ID since the last reset: POST deactivate (again on a deactivated user too),
   * and PUT users with `deactivated: true` on an active user.
   */
  readonly deactivationsByUser = new Map<string, number>();
  private faults: Fault[] = [];
  private readonly hung = new Set<() => void>();
  private readonly sockets = new Set<Socket>();
  private readonly routes: Route[];
  private readonly withoutScheduledTasksApi: boolean;
  private readonly withoutV3UserList: boolean;

  constructor(options: SimulatorOptions = {}) {
    this.hs = new Homeserver(options.serverName ?? 'sim.test', options.clock ?? realClock);
    this.deletes = new DeleteTaskScheduler(this.hs, options.deleteTimings);
    this.latencyMs = options.latencyMs ?? 0;
    this.withoutScheduledTasksApi = options.withoutScheduledTasksApi ?? false;
    this.withoutV3UserList = options.withoutV3UserList ?? false;
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
    this.deletesByRoom.clear();
    this.deactivationsByUser.clear();
  }

  recordDelete(roomId: string): void {
    this.deletesByRoom.set(roomId, (this.deletesByRoom.get(roomId) ?? 0) + 1);
  }

  recordDeactivation(userId: string): void {
    this.deactivationsByUser.set(userId, (this.deactivationsByUser.get(userId) ?? 0) + 1);
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
        const release = () => void this.answer(res, method, url, rawBody, req.headers);
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

    await this.answer(res, method, url, rawBody, req.headers);
  }

  /** Answers requests held by 'hang' faults, the way they would have been answered. */
  releaseHung(): void {
    for (const release of [...this.hung]) {
      this.hung.delete(release);
      release();
    }
  }

  private async answer(res: ServerResponse, method: string, url: URL, rawBody: string, headers: IncomingHttpHeaders): Promise<void> {
    let status: number;
    let payload: unknown;
    try {
      [status, payload] = await this.dispatch(method, url, rawBody, headers);
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        payload = { errcode: error.errcode, error: error.message, ...error.extra };
      } else {
        status = 500;
        payload = { errcode: 'M_UNKNOWN', error: 'Internal server error' };
      }
    }
    if (payload instanceof RawBody) {
      res.writeHead(status, {
        'content-type': payload.contentType,
        'content-length': String(payload.content.length),
        ...(payload.fileName ? { 'content-disposition': `inline; filename=${payload.fileName}` } : {}),
      });
      return void res.end(payload.content);
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }

  private async dispatch(method: string, url: URL, rawBody: string, headers: IncomingHttpHeaders): Promise<Answer> {
    const candidates = this.routes.filter((r) => r.pattern.test(url.pathname));
    if (candidates.length === 0) throw new HttpError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
    const route = candidates.find((r) => r.method === method);
    if (!route) throw new HttpError(405, 'M_UNRECOGNIZED', 'Unrecognized request');
    this.calls.set(route.name, (this.calls.get(route.name) ?? 0) + 1);
    const requester = route.auth === 'none' ? '' : this.authenticate(headers.authorization, route.auth === 'admin', headers['user-agent']);
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

  private authenticate(authorization: string | undefined, admin: boolean, userAgent: string | undefined): string {
    const token = authorization?.match(/^Bearer (\S+)$/)?.[1];
    if (!token) throw new HttpError(401, 'M_MISSING_TOKEN', 'Missing access token');
    const userId = this.hs.tokens.get(token);
    const user = userId ? this.hs.users.get(userId) : undefined;
    if (!user || user.deactivated) throw new HttpError(401, 'M_UNKNOWN_TOKEN', 'Unknown access token', { soft_logout: false });
    if (user.locked) throw new HttpError(401, 'M_USER_LOCKED', 'User account has been locked', { soft_logout: true });
    if (admin && !user.admin) throw new HttpError(403, 'M_FORBIDDEN', 'You are not a server admin');
    this.hs.recordUse(token, '127.0.0.1', userAgent);
    return user.userId;
  }

  private buildRoutes(): Route[] {
    return [
      ...serverRoutes(),
      ...roomRoutes(this),
      ...deleteTaskRoutes(this),
      ...(this.withoutScheduledTasksApi ? [] : scheduledTaskRoutes(this)),
      ...userRoutes(this, { withV3List: !this.withoutV3UserList }),
      ...mediaRoutes(this),
      ...federationRoutes(this),
      ...eventReportRoutes(this),
      ...controlRoutes(this),
    ];
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

