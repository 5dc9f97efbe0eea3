// Replicas on one PostgreSQL (DATABASE_URL): the same purge job on 1 and on 3 gateway processes, and how long an
// event takes from one replica to another (LISTEN/NOTIFY). PostgreSQL is BENCH_DATABASE_URL (a role that may create
// databases), or a throw-away server from scripts/postgres.sh (root, Debian's binaries) in BENCH_POSTGRES_DIR or a
// temporary directory; without either the parts are skipped. A smoke run skips them unless BENCH_DATABASE_URL is set.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { WebSocket } from 'ws';
import { postgresPubSub, type SharedPubSub } from '../src/cluster/gateway-pubsub.js';
import { openPostgresStore } from '../src/store/postgres-store.js';
import type { Store } from '../src/store/store.js';
import type { Gateway, Harness } from './harness.js';

const root = resolve(import.meta.dirname, '..');

interface Postgres {
  /** The server's maintenance database: new databases are created through it. */
  url: string;
  stop(): void;
}

/** BENCH_DATABASE_URL, or a server of our own; a reason when neither is at hand. */
function startPostgres(h: Harness): Postgres | string {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: () => {} };
  if (h.smoke) return 'smoke run (set BENCH_DATABASE_URL to include it)';
  const installed = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));
  if (process.getuid?.() !== 0 || !installed) return 'no BENCH_DATABASE_URL, and scripts/postgres.sh cannot start a server here (needs root and /usr/lib/postgresql/*/bin)';
  const own = !process.env.BENCH_POSTGRES_DIR;
  const state = process.env.BENCH_POSTGRES_DIR ?? mkdtempSync(resolve(tmpdir(), 'bench-replicas-postgres-'));
  const script = resolve(root, 'scripts/postgres.sh');
  const cleanup = () => {
    execFileSync('bash', [script, 'stop', state], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (own) rmSync(state, { recursive: true, force: true });
  };
  try {
    execFileSync('bash', [script, 'start', state], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, POSTGRES_TEST_PORT: '54389' } });
    return { url: readFileSync(resolve(state, 'url'), 'utf8').trim(), stop: cleanup };
  } catch (error) {
    cleanup();
    return `scripts/postgres.sh start failed: ${String(error)}`;
  }
}

/** A new, empty database on the server: its URL, and how to drop it. */
async function freshDatabase(serverUrl: string, tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${tag}_${randomBytes(4).toString('hex')}`;
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function withPostgres(h: Harness, part: string, rawKey: string, work: (postgres: Postgres) => Promise<void>): Promise<void> {
  const postgres = startPostgres(h);
  if (typeof postgres === 'string') {
    h.raw[rawKey] = { skipped: postgres };
    h.log(`   ${part} skipped: ${postgres}`);
    return;
  }
  try {
    await work(postgres);
  } finally {
    postgres.stop();
  }
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

interface JobView {
  id: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { total: number; pending: number; running: number; done: number; failed: number; skipped: number };
}
const jobFields = 'id status startedAt finishedAt progress { total pending running done failed skipped }';

/**
 * A `job(id)` subscription on one gateway (graphql-ws, the admin's token): every event with its arrival time. On a
 * replica, a subscription to a running job offers the token: that replica works on the job from then on.
 */
function followJob(gateway: Gateway, token: string, id: string, timeoutMs: number) {
  const client = createClient({ url: gateway.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
  const events: { at: number; job: JobView }[] = [];
  let gotFirst: () => void = () => {};
  const first = new Promise<void>((done) => (gotFirst = done));
  const done = new Promise<void>((resolveDone, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${id}: no end within ${timeoutMs} ms (last: ${JSON.stringify(events.at(-1)?.job)})`)), timeoutMs);
    client.subscribe<{ job: JobView }>(
      { query: `subscription ($id: ID!) { job(id: $id) { ${jobFields} } }`, variables: { id } },
      {
        next: (event) => {
          if (!event.data) return reject(new Error(`job subscription: ${JSON.stringify(event.errors)}`));
          events.push({ at: Date.now(), job: event.data.job });
          gotFirst();
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          clearTimeout(timer);
          resolveDone();
        },
      },
    );
  });
  return { events, first, done, dispose: () => client.dispose() };
}

/** How many deletes the simulator had at once: running (Synapse's slots) and submitted (waiting for a slot or running). */
function deletesAtOnce(tasks: { history: { at: number; status: string }[] }[]) {
  const sweep = (from: string[]) => {
    const edges: [number, number][] = [];
    for (const task of tasks) {
      const start = task.history.find((entry) => from.includes(entry.status))?.at;
      const end = task.history.find((entry) => entry.status === 'complete' || entry.status === 'failed')?.at;
      if (start === undefined || end === undefined) continue;
      edges.push([start, 1], [end, -1]);
    }
    // Ends before starts at the same millisecond: a slot given back and taken again is not two at once.
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let now = 0;
    let max = 0;
    for (const [, step] of edges) max = Math.max(max, (now += step));
    return max;
  };
  return { running: sweep(['active']), submitted: sweep(['scheduled']) };
}

export async function replicasPurge(h: Harness): Promise<void> {
  const n = h.smoke ? 10 : Number(process.env.BENCH_REPLICAS_ROOMS ?? 300);
  const occupiedRooms = h.smoke ? 3 : 20;
  const latencyMs = 2;
  // bench/jobs.ts's empty-room delete: 155 ms in Synapse, 5 task slots, the next waiting task 100 ms after one ends.
  const timings = { launchDelayMs: 5, newRoomMs: 0, kickMsPerUser: 0, purgeMs: 150, relaunchDelayMs: 100 };
  const slots = 5;
  const concurrency = 5;
  const pollMs = 100;
  const replicaCounts = [1, 3];
  h.log(`replicas.purge: the same purge of ${n} empty rooms (${occupiedRooms} occupied left alone), concurrency ${concurrency}, on 1 and on ${replicaCounts[1]} gateway processes sharing a fresh PostgreSQL database each (${timings.launchDelayMs + timings.purgeMs} ms per delete, ${slots} task slots)`);

  await withPostgres(h, 'replicas.purge', 'replicasPurge', async (postgres) => {
    const arm = async (replicas: number) => {
      const database = await freshDatabase(postgres.url, `replicas_${replicas}`);
      const sim = await h.startSim({ latencyMs, rooms: occupiedRooms, emptyRooms: 0, deleteTimings: timings });
      const gateways: Gateway[] = [];
      try {
        const seed = (await h.control(sim.url, 'seed', { emptyRooms: n, prefix: 'replicas' })) as { emptyRoomIds: string[] };
        await h.control(sim.url, 'reset', {});
        // All at once, as a deployment starts them: the first migrates the database, the others wait for its lock.
        gateways.push(...(await Promise.all(Array.from({ length: replicas }, () => h.startGateway(sim.url, { DATABASE_URL: database.url, DELETE_POLL_INTERVAL_MS: String(pollMs) })))));
        const [first] = gateways as [Gateway];
        // The admin check (whoami, remembered a minute) done everywhere before the clock starts.
        for (const gateway of gateways) await h.graphqlRequest(gateway.url, sim.token, '{ viewer { isAdmin } }');
        const cpuBefore = gateways.map((gateway) => h.cpuSeconds(gateway.pid));
        const planStart = Date.now();
        const planned = (await h.graphqlRequest(first.url, sim.token, 'mutation ($c: Int!) { planPurgeEmptyRooms(options: { concurrency: $c }) { id progress { total } } }', { c: concurrency })) as {
          planPurgeEmptyRooms: { id: string; progress: { total: number } };
        };
        const planMs = Date.now() - planStart;
        const { id } = planned.planPurgeEmptyRooms;
        if (planned.planPurgeEmptyRooms.progress.total !== n) throw new Error(`the plan has ${planned.planPurgeEmptyRooms.progress.total} rooms, not ${n}`);
        // Started on one; then a subscriber on every replica (its token: the others join the running job).
        await h.graphqlRequest(first.url, sim.token, 'mutation ($id: ID!) { startJob(id: $id) { status } }', { id });
        const followers = gateways.map((gateway) => followJob(gateway, sim.token, id, 300_000));
        try {
          await Promise.all(followers.map((follower) => follower.done));
        } finally {
          await Promise.all(followers.map((follower) => follower.dispose()));
        }
        const cpuMs = gateways.reduce((total, gateway, index) => total + (h.cpuSeconds(gateway.pid) - cpuBefore[index]!) * 1000, 0);
        const { job } = (await h.graphqlRequest(first.url, sim.token, `query ($id: ID!) { job(id: $id) { ${jobFields} } }`, { id })) as { job: JobView };
        const runMs = Date.parse(job.finishedAt!) - Date.parse(job.startedAt!);
        // Who did the work: the items each replica ran (their owner); and the database's transactions (the gateways
        // stopped first: a backend reports its counts by its exit at the latest).
        for (const gateway of gateways) await h.stop(gateway.child);
        const db = new pg.Client({ connectionString: database.url });
        await db.connect();
        const owners = await db.query<{ owner: string; items: number }>('SELECT owner, count(*)::int AS items FROM job_item WHERE job_id = $1 GROUP BY owner ORDER BY items DESC', [id]);
        const transactions = await db.query<{ commits: number }>('SELECT xact_commit::int AS commits FROM pg_stat_database WHERE datname = current_database()').finally(() => db.end());
        const stats = await h.control(sim.url, 'stats');
        const deletes = stats.deletesByRoom as Record<string, number>;
        const wanted = new Set(seed.emptyRoomIds);
        const wrong = seed.emptyRoomIds.filter((roomId) => deletes[roomId] !== 1).length + Object.keys(deletes).filter((roomId) => !wanted.has(roomId)).length;
        const tasks = (await h.control(sim.url, 'tasks')).tasks as { history: { at: number; status: string }[] }[];
        const atOnce = deletesAtOnce(tasks);
        const figures = {
          replicas,
          status: job.status,
          progress: job.progress,
          planMs,
          runMs,
          roomsPerSecond: n / (runMs / 1000),
          cpuPerRoomMs: cpuMs / n,
          /** Every transaction on the arm's database (the gateways' start and plan included), per room. */
          transactionsPerRoom: transactions.rows[0]!.commits / n,
          loadAverage1m: loadavg()[0]!,
          itemsByReplica: owners.rows.map((row) => row.items),
          replicasWorking: owners.rows.length,
          maxDeletesRunning: atOnce.running,
          maxDeletesSubmitted: atOnce.submitted,
          deleteStatusPolls: (stats.calls as Record<string, number>)['GET delete_status'] ?? 0,
          roomsNotDeletedExactlyOnce: wrong,
        };
        h.log(`   ${replicas} replica(s): ${figures.roomsPerSecond.toFixed(1)} rooms/s (run ${(runMs / 1000).toFixed(2)} s, plan ${(planMs / 1000).toFixed(2)} s), ${job.status} ${JSON.stringify(job.progress)}; items per replica ${JSON.stringify(figures.itemsByReplica)}; deletes at once in Synapse: ${atOnce.running} running, ${atOnce.submitted} submitted; ${figures.cpuPerRoomMs.toFixed(1)} ms gateway CPU and ${figures.transactionsPerRoom.toFixed(1)} PostgreSQL transactions per room (all replicas); load ${figures.loadAverage1m.toFixed(1)}`);
        return figures;
      } finally {
        for (const gateway of gateways) await h.stop(gateway.child);
        await h.stop(sim.child);
        await database.drop();
      }
    };
    const one = await arm(replicaCounts[0]!);
    const three = await arm(replicaCounts[1]!);
    const perDeleteMs = timings.launchDelayMs + timings.purgeMs;
    const ceilingRoomsPerSecond = slots / (perDeleteMs / 1000);
    h.raw.replicasPurge = { rooms: n, occupiedRooms, latencyMs, timings, slots, concurrency, pollMs, ceilingRoomsPerSecond, one, three };
    const ratio = three.roomsPerSecond / one.roomsPerSecond;
    h.record('replicas.purge.throughput_ratio_3_vs_1', ratio, 'x 1 replica', '>= 0.9 (rooms/s from startJob to the end, 3 replicas / 1)', ratio >= 0.9);
    h.record('replicas.purge.replicas_working', three.replicasWorking, 'replicas', '== 3 (replicas that ran items of the job)', three.replicasWorking === 3);
    const maxSubmitted = Math.max(one.maxDeletesSubmitted, three.maxDeletesSubmitted);
    h.record('replicas.purge.max_deletes_in_synapse', maxSubmitted, 'deletes', `<= ${concurrency} (the job's concurrency, job-wide over replicas; Synapse runs ${slots})`, maxSubmitted <= concurrency);
    const wrong = one.roomsNotDeletedExactlyOnce + three.roomsNotDeletedExactlyOnce;
    const completed = [one, three].every((arm) => arm.status === 'COMPLETED' && arm.progress.done === n);
    h.record('replicas.purge.rooms_not_deleted_exactly_once', wrong, 'rooms', '== 0 (both arms; stats.deletesByRoom)', wrong === 0 && completed);
    if (wrong > 0 || !completed) throw new Error(`replicas purge: rooms not deleted exactly once: ${JSON.stringify(h.raw.replicasPurge)}`);
  });
}

/** Paced sends (one every `everyMs`, on an absolute schedule) and their arrivals: latencies in ms, sorted, and how many never came. */
async function paced(count: number, everyMs: number, send: (key: string) => void, arrivals: Map<string, number>, prefix: string) {
  const sentAt = new Map<string, number>();
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    await sleep(start + i * everyMs - performance.now());
    const key = `${prefix}-${i}`;
    sentAt.set(key, performance.now());
    send(key);
  }
  const deadline = performance.now() + 5000;
  while ([...sentAt.keys()].some((key) => !arrivals.has(key)) && performance.now() < deadline) await sleep(10);
  const latencies = [...sentAt].filter(([key]) => arrivals.has(key)).map(([key, at]) => arrivals.get(key)! - at);
  latencies.sort((a, b) => a - b);
  return { sent: count, lost: count - latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? Number.NaN, mean: latencies.reduce((a, b) => a + b, 0) / latencies.length };
}

/** Everything sent at once: how long until the last arrived. */
async function burst(count: number, send: (key: string) => void, arrivals: Map<string, number>, prefix: string) {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const start = performance.now();
  for (const key of keys) send(key);
  const deadline = start + 10_000;
  while (keys.some((key) => !arrivals.has(key)) && performance.now() < deadline) await sleep(1);
  const arrived = keys.filter((key) => arrivals.has(key));
  const lastMs = Math.max(...arrived.map((key) => arrivals.get(key)!)) - start;
  return { sent: count, lost: count - arrived.length, lastMs, perSecond: arrived.length / (lastMs / 1000) };
}

export async function replicasEvents(h: Harness): Promise<void> {
  const count = h.smoke ? 100 : 1000;
  const everyMs = 5;
  h.log(`replicas.events: ${count} job events published by replica A every ${everyMs} ms, received by replica B (two pubsubs on one PostgreSQL, each with its own connections, in this process), against bare LISTEN/NOTIFY; then a job subscription on gateway process A while gateway process B runs the job`);

  await withPostgres(h, 'replicas.events', 'replicasEvents', async (postgres) => {
    const database = await freshDatabase(postgres.url, 'events');
    const stores: Store[] = [];
    const pubsubs: SharedPubSub[] = [];
    const clients: pg.Client[] = [];
    const pools: pg.Pool[] = [];
    try {
      // The reference: one client LISTENs, a pool as small as a replica's sends NOTIFY; nothing of the gateway's.
      const rawArrivals = new Map<string, number>();
      const listener = new pg.Client({ connectionString: database.url });
      clients.push(listener);
      await listener.connect();
      listener.on('notification', (message) => rawArrivals.set(message.payload!, performance.now()));
      await listener.query('LISTEN bench_raw');
      const notifier = new pg.Pool({ connectionString: database.url, max: 4 });
      pools.push(notifier);
      const rawSend = (key: string) => void notifier.query('SELECT pg_notify($1, $2)', ['bench_raw', key]);

      // Two replicas' pubsubs: each its own pool (as its store) and its own LISTEN connection.
      for (const replicaId of ['bench-replica-a', 'bench-replica-b']) {
        const store = await openPostgresStore(database.url, { max: 4 });
        stores.push(store);
        const shared = postgresPubSub({ databaseUrl: database.url, db: store, replicaId });
        await shared.start();
        pubsubs.push(shared);
      }
      const [a, b] = pubsubs as [SharedPubSub, SharedPubSub];
      const arrivals = new Map<string, number>();
      const local = new Map<string, number>();
      let resyncs = 0;
      const receive = async (pubsub: SharedPubSub, into: Map<string, number>) => {
        for await (const notice of pubsub.pubsub.subscribe('job')) {
          if (notice === null) resyncs++;
          else into.set(notice.jobId, performance.now());
        }
      };
      void receive(b, arrivals);
      void receive(a, local);
      const send = (key: string) => a.pubsub.publish('job', { jobId: key, from: 'bench-a' });

      // Warm: connections, prepared paths, JIT.
      await paced(50, 2, send, arrivals, 'warm');
      await paced(50, 2, rawSend, rawArrivals, 'warm');
      const notify = await paced(count, everyMs, rawSend, rawArrivals, 'raw');
      const pubsub = await paced(count, everyMs, send, arrivals, 'paced');
      const localLost = [...Array(count).keys()].filter((i) => !local.has(`paced-${i}`)).length;
      const rawBurst = await burst(count, rawSend, rawArrivals, 'raw-burst');
      const pubsubBurst = await burst(count, send, arrivals, 'burst');
      const f = (x: { p50: number; p99: number; max: number }) => `p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms, max ${x.max.toFixed(2)} ms`;
      h.log(`   replica to replica (gateway pubsub): ${f(pubsub)}, ${pubsub.lost} lost; bare NOTIFY: ${f(notify)}, ${notify.lost} lost`);
      h.log(`   ${count} at once: gateway pubsub ${pubsubBurst.lastMs.toFixed(0)} ms to the last (${pubsubBurst.perSecond.toFixed(0)}/s), bare NOTIFY ${rawBurst.lastMs.toFixed(0)} ms (${rawBurst.perSecond.toFixed(0)}/s)`);
      const endToEnd = await jobEndToEnd(h, database.url);
      h.raw.replicasEvents = { count, everyMs, pubsub, notify, pubsubBurst, rawBurst, localLost, resyncs, endToEnd };
      h.record('replicas.events.p50', pubsub.p50, 'ms', '<= 5 ms (replica to replica, one event every 5 ms)', pubsub.p50 <= 5);
      h.record('replicas.events.p99', pubsub.p99, 'ms', "<= 25 ms (a tenth of the 250 ms between a job subscriber's events)", pubsub.p99 <= 25);
      const lost = pubsub.lost + pubsubBurst.lost + localLost;
      h.record('replicas.events.lost', lost, 'events', '== 0 (paced and burst at B, paced at A itself)', lost === 0 && resyncs === 0);
    } finally {
      for (const shared of pubsubs) await shared.close();
      for (const store of stores) await store.close();
      for (const client of [...clients, ...pools]) await client.end().catch(() => undefined);
      await database.drop();
    }
  });
}

/**
 * End to end: a `job` subscription on gateway process A, the job running on gateway process B. A is subscribed before
 * the job starts (a subscription offers its token only to a running job), so every item runs on B and every event A
 * sends comes from B over NOTIFY; a subscriber on B is the same-replica arm. Latency: from an item's end in the store
 * (its finishedAt, PostgreSQL's clock on this machine) to the event showing it done at each subscriber. Deletes last
 * longer than the subscription's 250 ms between events, so that an item's end is never held back by the one before.
 */
async function jobEndToEnd(h: Harness, databaseUrl: string) {
  const rooms = h.smoke ? 4 : 25;
  const sim = await h.startSim({ latencyMs: 1, rooms: 0, emptyRooms: 0, deleteTimings: { launchDelayMs: 5, newRoomMs: 0, kickMsPerUser: 0, purgeMs: 600, relaunchDelayMs: 100 } });
  const gateways: Gateway[] = [];
  try {
    await h.control(sim.url, 'seed', { emptyRooms: rooms, prefix: 'e2e' });
    gateways.push(...(await Promise.all([0, 1].map(() => h.startGateway(sim.url, { DATABASE_URL: databaseUrl, DELETE_POLL_INTERVAL_MS: '50' })))));
    const [a, b] = gateways as [Gateway, Gateway];
    for (const gateway of gateways) await h.graphqlRequest(gateway.url, sim.token, '{ viewer { isAdmin } }');
    const { planPurgeEmptyRooms: plan } = (await h.graphqlRequest(b.url, sim.token, 'mutation { planPurgeEmptyRooms(options: { concurrency: 1 }) { id } }')) as { planPurgeEmptyRooms: { id: string } };
    const onA = followJob(a, sim.token, plan.id, 120_000);
    await onA.first;
    await h.graphqlRequest(b.url, sim.token, 'mutation ($id: ID!) { startJob(id: $id) { status } }', { id: plan.id });
    const onB = followJob(b, sim.token, plan.id, 120_000);
    try {
      await Promise.all([onA.done, onB.done]);
    } finally {
      await Promise.all([onA.dispose(), onB.dispose()]);
    }
    const { job } = (await h.graphqlRequest(b.url, sim.token, 'query ($id: ID!) { job(id: $id) { status items(first: 1000) { edges { node { finishedAt } } } } }', { id: plan.id })) as {
      job: { status: string; items: { edges: { node: { finishedAt: string } }[] } };
    };
    const ends = job.items.edges.map(({ node }) => Date.parse(node.finishedAt)).sort((x, y) => x - y);
    // The first event showing `done` = k carries the k-th item's end.
    const latencies = (events: { at: number; job: JobView }[]) => {
      const seen = new Map<number, number>();
      for (const event of events) if (!seen.has(event.job.progress.done)) seen.set(event.job.progress.done, event.at);
      const values = [...seen].filter(([done]) => done > 0).map(([done, at]) => at - ends[done - 1]!);
      values.sort((x, y) => x - y);
      return { samples: values.length, p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: values.at(-1) ?? Number.NaN };
    };
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const owners = await db.query<{ owner: string }>('SELECT DISTINCT owner FROM job_item WHERE job_id = $1', [plan.id]).finally(() => db.end());
    const figures = { rooms, status: job.status, ownersOfItems: owners.rows.length, otherReplica: latencies(onA.events), sameReplica: latencies(onB.events) };
    h.log(`   end to end (${rooms} items, each to a job subscriber): on the other replica p50 ${figures.otherReplica.p50} ms, p99 ${figures.otherReplica.p99} ms (${figures.otherReplica.samples} samples); on the replica running it p50 ${figures.sameReplica.p50} ms, p99 ${figures.sameReplica.p99} ms; items ran on ${figures.ownersOfItems} replica(s)`);
    if (job.status !== 'COMPLETED') throw new Error(`end-to-end job ended ${job.status}`);
    return figures;
  } finally {
    for (const gateway of gateways) await h.stop(gateway.child);
    await h.stop(sim.child);
  }
}

/** What the replicas' figures mean, for RESULTS.md. */
export function replicasNotes(raw: Record<string, unknown>): string[] {
  const lines: string[] = [];
  type Arm = { roomsPerSecond: number; runMs: number; cpuPerRoomMs: number; transactionsPerRoom: number; itemsByReplica: number[]; maxDeletesRunning: number; maxDeletesSubmitted: number };
  const purge = raw.replicasPurge as { skipped?: string; rooms: number; ceilingRoomsPerSecond: number; one: Arm; three: Arm } | undefined;
  if (purge?.skipped) lines.push(`- **Replicas: purge.** Not measured: ${purge.skipped}.`);
  else if (purge) {
    const { one, three } = purge;
    lines.push(
      `- **Replicas: purge.** The same ${purge.rooms}-room purge (concurrency 5) on one gateway and on three sharing one PostgreSQL (started on one, a \`job\` subscription on each): ${one.roomsPerSecond.toFixed(1)} rooms/s alone, ${three.roomsPerSecond.toFixed(1)} with three (items per replica ${three.itemsByReplica.join(' / ')}). ` +
        `Synapse's 5 task slots are the ceiling, ${purge.ceilingRoomsPerSecond.toFixed(1)} rooms/s for these ${(5000 / purge.ceilingRoomsPerSecond).toFixed(0)} ms deletes: at most ${Math.max(one.maxDeletesRunning, three.maxDeletesRunning)} ran at once and at most ${Math.max(one.maxDeletesSubmitted, three.maxDeletesSubmitted)} were in Synapse at once (the job's concurrency is job-wide, so more replicas cannot add deletes, only spread them). Per room, all replicas together: ${one.cpuPerRoomMs.toFixed(1)} ms of gateway CPU and ${one.transactionsPerRoom.toFixed(0)} PostgreSQL transactions alone, ${three.cpuPerRoomMs.toFixed(1)} ms and ${three.transactionsPerRoom.toFixed(0)} with three: every job notice from another replica (an item claimed, its delete adopted, its end) makes a replica with room for more look for an item (a read of the job and a count of its items in flight; a claim, which locks the job's row, only when a place is free), which is what the other replicas cost here.`,
    );
  }
  type Latency = { p50: number; p99: number; max: number };
  const events = raw.replicasEvents as
    | { skipped?: string; count: number; everyMs: number; pubsub: Latency; notify: Latency; pubsubBurst: { lastMs: number }; rawBurst: { lastMs: number }; endToEnd: { rooms: number; otherReplica: Latency & { samples: number }; sameReplica: Latency } }
    | undefined;
  if (events?.skipped) lines.push(`- **Replicas: events.** Not measured: ${events.skipped}.`);
  else if (events) {
    const { pubsub, notify, endToEnd } = events;
    const f = (x: number) => x.toFixed(1);
    lines.push(
      `- **Replicas: events.** ${events.count} events one every ${events.everyMs} ms from one replica's pubsub to another's (each with its own PostgreSQL connections, in one process): p50 ${f(pubsub.p50)} ms, p99 ${f(pubsub.p99)} ms, max ${f(pubsub.max)} ms, against p50 ${f(notify.p50)} / p99 ${f(notify.p99)} ms for bare LISTEN/NOTIFY between two clients; ${events.count} at once arrive in ${events.pubsubBurst.lastMs.toFixed(0)} ms (bare: ${events.rawBurst.lastMs.toFixed(0)} ms). ` +
        `End to end, from an item's end in the store to a \`job\` subscriber's event (${endToEnd.rooms} items): p50 ${f(endToEnd.otherReplica.p50)} ms, p99 ${f(endToEnd.otherReplica.p99)} ms on another gateway process, p50 ${f(endToEnd.sameReplica.p50)} ms, p99 ${f(endToEnd.sameReplica.p99)} ms on the one running the job (each event reads the job's rows; figures in results.json, no bar).`,
    );
  }
  return lines;
}
