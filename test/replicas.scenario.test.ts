import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createReplicaServices, type ReplicaServices } from '../src/cluster/replica-services.js';
import { LazyStore } from '../src/store/open-store.js';
import { openPostgresStore } from '../src/store/postgres-store.js';
import { realTimers } from '../src/timers.js';
import { graphql } from './gql/index.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { testTuning } from './support/jobs.js';
import { freshPostgresDatabase, postgresUrl } from './support/postgres.js';
import { describeScenario, describeSimulated, type Target } from './support/targets.js';

/**
 * Two replicas in this process, each with its own connections to one PostgreSQL, its own services and its own
 * gateway, in front of one homeserver: what one starts, the other sees, and neither duplicates the other's work.
 * (test/cluster.test.ts does the same with real processes killed at random.)
 */

const StartDelete = graphql(`mutation ReplicaDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }`);
const PlanPurge = graphql(`mutation ReplicaPlan($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id items(first: 100) { edges { node { target } } } } }`);
const StartJob = graphql(`mutation ReplicaStartJob($id: ID!) { startJob(id: $id) { id status } }`);
const PauseJob = graphql(`mutation ReplicaPauseJob($id: ID!) { pauseJob(id: $id) { id status } }`);
const ResumeJob = graphql(`mutation ReplicaResumeJob($id: ID!) { resumeJob(id: $id) { id status } }`);
const JobState = graphql(`query ReplicaJob($id: ID!) { job(id: $id) { id status progress { total pending running done } } }`);
const EmptyRooms = graphql(`query ReplicaEmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }`);

interface Replica {
  services: ReplicaServices;
  gateway: TestGateway;
  server: Awaited<ReturnType<typeof listenTestGateway>>;
  store: LazyStore;
}

const describeOnPostgres = (title: string, body: (target: () => Target) => void, describeOn = describeScenario) =>
  postgresUrl ? describeOn(title, body) : describe.skip(title, () => {});

async function replicas(target: Target, count: number, tuning = {}): Promise<{ replicas: Replica[]; close(): Promise<void> }> {
  const database = await freshPostgresDatabase();
  const started: Replica[] = [];
  for (let index = 0; index < count; index++) {
    const store = new LazyStore('postgres', () => openPostgresStore(database.url, { max: 6 }));
    await store.ready();
    const services = createReplicaServices({
      store,
      databaseUrl: database.url,
      deletePollIntervalMs: 50,
      jobTuning: { ...testTuning, ...tuning },
      timers: target.clock ?? realTimers,
      replicaId: `replica-${index}`,
    });
    await services.start();
    const gateway = createTestGateway(target.url, target.fixture.admin.token, {}, { deleteTaskHub: services.deleteTaskHub, deleteGuard: services.deleteGuard, jobs: services.jobs });
    await gateway.warmAdminCheck();
    started.push({ services, gateway, store, server: await listenTestGateway(gateway) });
  }
  return {
    replicas: started,
    close: async () => {
      for (const replica of started) {
        await replica.server.close();
        await replica.gateway.close();
        await replica.services.close();
        await replica.store.close();
      }
      await database.drop();
    },
  };
}

/** One step of the job's time: the simulator's clock once every replica's work has settled, or real time. */
async function step(target: Target, all: Replica[]): Promise<void> {
  if (!target.clock) return target.elapse(50);
  await Promise.all(all.flatMap((replica) => [replica.services.jobs.runner.settled(), replica.services.deleteTaskHub.settled()]));
  // Sockets and NOTIFY get their turn before time moves.
  await new Promise((resolve) => setTimeout(resolve, 1));
  target.clock.advance(50);
}

async function drive(target: Target, all: Replica[], done: () => Promise<boolean>, what: string): Promise<void> {
  for (let steps = 0; steps < 3000; steps++) {
    if (await done()) return;
    await step(target, all);
  }
  throw new Error(`gave up waiting until ${what}`);
}

function subscribe(replica: Replica, token: string, query: string, variables: Record<string, unknown>): { events: Record<string, unknown>[]; done: Promise<void>; client: Client } {
  const client = createClient({ url: replica.server.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
  const events: Record<string, unknown>[] = [];
  const done = new Promise<void>((resolve, reject) =>
    client.subscribe<Record<string, unknown>>({ query, variables }, { next: (event) => void events.push(event.data!), error: reject, complete: resolve }),
  );
  return { events, done, client };
}

const isDelete = (call: { method: string; route: string }) => call.method === 'DELETE' && call.route === '/_synapse/admin/v2/rooms/{roomId}';
const isStatusRead = (call: { method: string; route: string }) => call.method === 'GET' && call.route.startsWith('/_synapse/admin/v2/rooms/delete_status/');

describeOnPostgres('two replicas on one PostgreSQL: room deletes', (target) => {
  let cluster: Awaited<ReturnType<typeof replicas>>;
  beforeAll(async () => {
    cluster = await replicas(target(), 2);
  });
  afterAll(() => cluster?.close());

  it('two deleteRoom calls for one room at two replicas at once start one delete upstream and return the same deleteId', async () => {
    const [a, b] = cluster.replicas as [Replica, Replica];
    const rooms = await Promise.all(['Raced one', 'Raced two', 'Raced three'].map((name) => target().driver.createRoom(target().fixture.alice.token, { name })));
    for (const replica of cluster.replicas) replica.gateway.calls.length = 0;
    const answers = await Promise.all(rooms.flatMap((roomId) => [a.gateway.execute(StartDelete, { roomId }), b.gateway.execute(StartDelete, { roomId })]));
    for (const [index, roomId] of rooms.entries()) {
      const [first, second] = [answers[index * 2]!, answers[index * 2 + 1]!];
      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      expect(second.data!.deleteRoom.deleteId).toBe(first.data!.deleteRoom.deleteId);
      const deletes = [...a.gateway.calls, ...b.gateway.calls].filter((call) => isDelete(call) && call.path.includes(encodeURIComponent(roomId)));
      expect(deletes).toHaveLength(1);
      if (target().sim) expect(target().sim!.deletesByRoom.get(roomId)).toBe(1);
    }
  });

  it('a subscriber on one replica follows a delete another started, and one replica polls it for both', async () => {
    const [a, b] = cluster.replicas as [Replica, Replica];
    const roomId = await target().driver.createRoom(target().fixture.alice.token, { name: 'Followed across replicas' });
    const started = await b.gateway.execute(StartDelete, { roomId });
    const deleteId = started.data!.deleteRoom.deleteId;
    for (const replica of cluster.replicas) replica.gateway.calls.length = 0;
    const query = 'subscription ReplicaWatch($deleteId: ID!) { deleteTask(deleteId: $deleteId) { status isTerminal } }';
    const streams = [subscribe(a, target().fixture.admin.token, query, { deleteId }), subscribe(b, target().fixture.admin.token, query, { deleteId })];
    // Both handshakes first: the clock only moves once both replicas follow the delete.
    await vi.waitFor(() => expect(streams.every((stream) => stream.events.length > 0)).toBe(true), { timeout: 10_000, interval: 5 });
    let ended = 0;
    void Promise.all(streams.map((stream) => stream.done.then(() => ended++)));
    await drive(target(), cluster.replicas, async () => ended === 2, 'both subscribers saw the delete end');
    for (const stream of streams) expect(stream.events.at(-1)).toEqual({ deleteTask: { status: 'COMPLETE', isTerminal: true } });
    const reads = cluster.replicas.map((replica) => replica.gateway.calls.filter(isStatusRead).length);
    // The follower reads once with its subscriber's own token (a poll's answer is only shown to a token seen to read
    // tasks); every other read is the poller's.
    expect(Math.min(...reads)).toBeLessThanOrEqual(2);
    await Promise.all(streams.map((stream) => stream.client.dispose()));
  });
});

describeOnPostgres(
  'two replicas on one PostgreSQL: a job',
  (target) => {
    let cluster: Awaited<ReturnType<typeof replicas>>;
    beforeAll(async () => {
      cluster = await replicas(target(), 2, { leaseMs: 2000 });
    });
    afterAll(() => cluster?.close());

    const readJob = async (replica: Replica, id: string) => (await replica.gateway.execute(JobState, { id })).data!.job!;

    it('goes on at the replica a subscriber gave its token when the one that started it drains, stops there when paused from the other, and ends once per room', async () => {
      const [a, b] = cluster.replicas as [Replica, Replica];
      const creator = await target().driver.register(`replicas-${randomBytes(4).toString('hex')}`);
      const own = new Set<string>();
      for (const name of ['Drained one', 'Drained two', 'Drained three', 'Drained four', 'Drained five', 'Drained six']) {
        const roomId = await target().driver.createRoom(creator.token, { name, public: true });
        await target().driver.leave(creator.token, roomId);
        own.add(roomId);
      }
      const { data } = await a.gateway.execute(EmptyRooms, {});
      const exclude = data!.rooms.edges.filter(({ node }) => node.joinedLocalMembers === 0 && !own.has(node.roomId)).map(({ node }) => node.roomId);
      const plan = (await a.gateway.execute(PlanPurge, { options: { exclude, concurrency: 1 } })).data!.planPurgeEmptyRooms;
      expect(new Set(plan.items.edges.map(({ node }) => node.target))).toEqual(own);

      expect((await a.gateway.execute(StartJob, { id: plan.id })).data!.startJob.status).toBe('RUNNING');
      const follower = subscribe(b, target().fixture.admin.token, 'subscription ReplicaJobWatch($id: ID!) { job(id: $id) { status progress { done } } }', { id: plan.id });
      await vi.waitFor(() => expect(follower.events.length).toBeGreaterThan(0), { timeout: 10_000, interval: 5 });
      // A rolling restart of the replica that started it: nothing new starts there, B goes on.
      a.services.drain();
      await drive(target(), cluster.replicas, async () => (await readJob(a, plan.id)).progress.done >= 3, 'three rooms are done');
      expect((await a.gateway.execute(PauseJob, { id: plan.id })).data!.pauseJob.status).toBe('PAUSED');
      await drive(target(), cluster.replicas, async () => (await readJob(b, plan.id)).progress.running === 0, 'the item under way ends');
      const deletesAtPause = [...own].reduce((sum, roomId) => sum + (target().sim!.deletesByRoom.get(roomId) ?? 0), 0);
      // Two seconds of the job's time (its polls, heartbeats and leases) with the job paused: nothing is sent.
      for (let steps = 0; steps < 40; steps++) await step(target(), cluster.replicas);
      const paused = await readJob(b, plan.id);
      expect(paused.status).toBe('PAUSED');
      expect(paused.progress.pending).toBeGreaterThan(0);
      expect([...own].reduce((sum, roomId) => sum + (target().sim!.deletesByRoom.get(roomId) ?? 0), 0)).toBe(deletesAtPause);

      expect((await b.gateway.execute(ResumeJob, { id: plan.id })).data!.resumeJob.status).toBe('RUNNING');
      await drive(target(), cluster.replicas, async () => (await readJob(b, plan.id)).status === 'COMPLETED', 'the job ends');
      await follower.done;
      expect(follower.events.at(-1)).toEqual({ job: { status: 'COMPLETED', progress: { done: 6 } } });
      for (const roomId of own) expect(target().sim!.deletesByRoom.get(roomId)).toBe(1);
      const owners = await b.store.query<{ owner: string }>('SELECT DISTINCT owner FROM job_item WHERE job_id = $1', [plan.id]);
      expect(owners.map((row) => row.owner)).toContain('replica-1');
      await follower.client.dispose();
    });
  },
  describeSimulated,
);
