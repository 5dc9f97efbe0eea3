// The simulated homeserver in a process of its own for the benchmarks. Prints one JSON line: { url, token, ... }.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { realClock } from '../simulator/clock.js';
import { SynapseSimulator } from '../simulator/server.js';

export interface SimProcessConfig {
  latencyMs: number;
  /** Rooms with a topic and members (3 local joined, 1 remote). */
  rooms: number;
  emptyRooms: number;
  deleteTimings?: Record<string, number>;
  maxConcurrentTasks?: number;
  /** More admins besides syt_bench_admin: tokens syt_bench_admin2, syt_bench_admin3, … */
  extraAdmins?: number;
  /**
   * Extra time before answering requests of one kind, on top of latencyMs: "METHOD /path-prefix" → ms (Synapse's
   * deactivation with erase does far more work than a read: devices, tokens, pushers, 3PID unbinding, erasure).
   */
  routeDelayMs?: Record<string, number>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as SimProcessConfig;
const sim = new SynapseSimulator({ serverName: 'bench.local', clock: realClock, latencyMs: config.latencyMs, deleteTimings: config.deleteTimings });
if (config.maxConcurrentTasks) sim.deletes.maxConcurrent = config.maxConcurrentTasks;
const token = 'syt_bench_admin';
const admin = sim.hs.createUser('admin', { admin: true, token });
for (let i = 2; i <= (config.extraAdmins ?? 0) + 1; i++) sim.hs.createUser(`admin${i}`, { admin: true, token: `${token}${i}` });
const members = Array.from({ length: 3 }, (_, i) => sim.hs.createUser(`member${i}`).userId);
const roomIds: string[] = [];
for (let i = 0; i < config.rooms; i++) {
  const room = sim.hs.createRoom({ creator: admin.userId, name: `Room ${String(i).padStart(4, '0')}`, topic: `Topic ${i}`, encrypted: i % 3 === 0 });
  for (const member of members) sim.hs.setMembership(room, member, member, 'join');
  sim.hs.setState(room, '@visitor:remote.example', 'm.room.member', '@visitor:remote.example', { membership: 'join' });
  roomIds.push(room.roomId);
}
const emptyRoomIds: string[] = [];
for (let i = 0; i < config.emptyRooms; i++) {
  const room = sim.hs.createRoom({ creator: admin.userId, name: `Empty ${i}` });
  sim.hs.setMembership(room, admin.userId, admin.userId, 'leave');
  emptyRoomIds.push(room.roomId);
}
if (config.routeDelayMs) {
  const delays = Object.entries(config.routeDelayMs).map(([key, ms]) => ({ method: key.slice(0, key.indexOf(' ')), prefix: key.slice(key.indexOf(' ') + 1), ms }));
  const [handler] = sim.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  sim.server.removeAllListeners('request');
  sim.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const delay = delays.find((d) => d.method === req.method && req.url?.startsWith(d.prefix));
    if (delay) setTimeout(() => handler!(req, res), delay.ms);
    else handler!(req, res);
  });
}
// When each delete's status was read (GET /_bench/polls): the fan-out part measures the polls' cadence from them.
const pollTimes = new Map<string, number[]>();
{
  const statusPath = '/_synapse/admin/v2/rooms/delete_status/';
  const [handler] = sim.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  sim.server.removeAllListeners('request');
  sim.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/_bench/polls') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(Object.fromEntries(pollTimes)));
    }
    if (req.method === 'GET' && req.url?.startsWith(statusPath)) {
      const deleteId = decodeURIComponent(req.url.slice(statusPath.length));
      let times = pollTimes.get(deleteId);
      if (!times) pollTimes.set(deleteId, (times = []));
      times.push(Date.now());
    }
    handler!(req, res);
  });
}
const url = await sim.listen();
console.log(JSON.stringify({ url, token, roomIds, emptyRoomIds, memberIds: members }));
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
