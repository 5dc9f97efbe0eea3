import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { graphql } from './gql/index.js';
import { countCalls, errorCode, listenTestGateway } from './support/gateway.js';
import { jobsHarness, type JobsHarness } from './support/jobs.js';
import { storeKinds } from './support/stores.js';
import { describeScenario, describeSimulated, type Target } from './support/targets.js';

const EmptyRooms = graphql(`
  query EmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }
`);
const PlanPurge = graphql(`
  mutation PlanPurge($options: PurgeEmptyRoomsOptions) {
    planPurgeEmptyRooms(options: $options) {
      id kind status dryRun createdBy phase
      progress { total pending }
      items(first: 1000) { totalCount edges { node { target action status review } } }
    }
  }
`);
const StartJob = graphql(`mutation StartJob($id: ID!) { startJob(id: $id) { id status dryRun startedAt } }`);
const PauseJob = graphql(`mutation PauseJob($id: ID!) { pauseJob(id: $id) { id status } }`);
const ResumeJob = graphql(`mutation ResumeJob($id: ID!) { resumeJob(id: $id) { id status } }`);
const CancelJob = graphql(`mutation CancelJob($id: ID!) { cancelJob(id: $id) { id status } }`);
const JobState = graphql(`
  query JobState($id: ID!) {
    job(id: $id) {
      id kind status phase error dryRun startedAt finishedAt
      progress { total pending running done failed skipped cancelled }
      items(first: 1000) { edges { node { target action phase status attempts deleteId error skippedReason startedAt finishedAt review } } }
    }
  }
`);
const JobAudit = graphql(`
  query JobAudit($jobId: ID!) {
    auditLog(jobId: $jobId, first: 1000) { totalCount edges { node { actor action target arguments outcome errorCode message jobId recovery } } }
  }
`);
const PlanDecommission = graphql(`
  mutation PlanDecommission($options: DecommissionOptions) {
    planDecommission(options: $options) {
      id kind status phase
      adminsToHandle { userId }
      items(first: 1000) { edges { node { target action status review } } }
    }
  }
`);
const AllUsers = graphql(`query AllUsers { users(first: 1000, guests: true, locked: true) { edges { node { userId } } } }`);
const UserState = graphql(`query UserState($userId: ID!) { user(userId: $userId) { userId deactivated erased admin } }`);
const RoomExists = graphql(`query RoomExists($roomId: ID!) { room(roomId: $roomId) { roomId joinedLocalMembers } }`);

type JobResult = NonNullable<Awaited<ReturnType<typeof readJob>>>;
const finished = ['COMPLETED', 'FAILED', 'CANCELLED'];

let harness: JobsHarness;

async function readJob(id: string) {
  const { data, errors } = await harness.gateway.execute(JobState, { id });
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.job!;
}

async function untilFinished(id: string): Promise<JobResult> {
  let job: JobResult | undefined;
  await harness.drive(async () => finished.includes((job = await readJob(id)).status), `job ${id} ends`);
  return job!;
}

/** Rooms of a test's own that no local user is in: their creator made them and left. */
async function emptyRooms(target: Target, names: string[]): Promise<{ creator: { userId: string; token: string }; rooms: Map<string, string> }> {
  const creator = await target.driver.register(`jobs-${randomBytes(4).toString('hex')}`);
  const rooms = new Map<string, string>();
  for (const name of names) {
    const roomId = await target.driver.createRoom(creator.token, { name, public: true });
    await target.driver.sendMessage(creator.token, roomId, `last words in ${name}`);
    await target.driver.leave(creator.token, roomId);
    rooms.set(roomId, name);
  }
  return { creator, rooms };
}

/**
 * Plans a purge of exactly `own`: every other empty room is excluded (on a shared real Synapse, other test files make
 * rooms too, so a plan that caught one of theirs is cancelled and made again without it).
 */
async function planOwn(own: Set<string>, options: { concurrency?: number } = {}) {
  const { data } = await harness.gateway.execute(EmptyRooms, {});
  const exclude = new Set(data!.rooms.edges.filter(({ node }) => node.joinedLocalMembers === 0 && !own.has(node.roomId)).map(({ node }) => node.roomId));
  for (let attempt = 0; attempt < 5; attempt++) {
    const planned = await harness.gateway.execute(PlanPurge, { options: { exclude: [...exclude], ...options } });
    if (planned.errors) throw new Error(JSON.stringify(planned.errors));
    const job = planned.data!.planPurgeEmptyRooms;
    const strangers = job.items.edges.map(({ node }) => node.target).filter((roomId) => !own.has(roomId));
    if (strangers.length === 0) return job;
    await harness.gateway.execute(CancelJob, { id: job.id });
    for (const roomId of strangers) exclude.add(roomId);
  }
  throw new Error('other tests kept making empty rooms');
}

for (const storeKind of storeKinds) {
  describeScenario(`purge empty rooms job, ${storeKind} store`, (target) => {
    beforeAll(async () => {
      harness = await jobsHarness(target(), storeKind);
    });
    afterAll(() => harness?.close());

    it('plans every room no local user is in, walking every page, and deletes nothing; then runs it to the end, once per room, audited', async () => {
      const { creator, rooms } = await emptyRooms(target(), ['Purge one', 'Purge two', 'Purge three', 'Purge four', 'Purge five', 'Purge six']);
      const occupied = await target().driver.createRoom(creator.token, { name: 'Still used' });
      const own = new Set(rooms.keys());
      harness.gateway.calls.length = 0;
      const plan = await planOwn(own);
      expect(plan).toMatchObject({ kind: 'PURGE_EMPTY_ROOMS', status: 'PLANNED', dryRun: true, createdBy: target().fixture.admin.userId, phase: 'PURGE_ROOMS' });
      expect(new Set(plan.items.edges.map(({ node }) => node.target))).toEqual(own);
      expect(plan.progress).toEqual({ total: 6, pending: 6 });
      // Pages of 4: the walk went past the first page.
      expect(countCalls(harness.gateway.calls)['GET /_synapse/admin/v1/rooms']).toBeGreaterThanOrEqual(2);
      for (const { node } of plan.items.edges) {
        expect(node.action).toBe('DELETE_ROOM');
        // Synapse forgets the state of a room no local user is in: the review reads its name from history.
        expect(node.review).toMatchObject({ name: rooms.get(node.target), source: 'room history' });
        expect((node.review as { lastKnownMembers: string[] }).lastKnownMembers).toEqual([]);
      }
      expect(countCalls(harness.gateway.calls)['DELETE /_synapse/admin/v2/rooms/' + [...own][0]]).toBeUndefined();
      for (const roomId of own) expect((await harness.gateway.execute(RoomExists, { roomId })).data!.room).not.toBeNull();

      const started = await harness.gateway.execute(StartJob, { id: plan.id });
      expect(started.data!.startJob).toMatchObject({ status: 'RUNNING', dryRun: false });
      const job = await untilFinished(plan.id);
      expect(job.status).toBe('COMPLETED');
      expect(job.progress).toEqual({ total: 6, pending: 0, running: 0, done: 6, failed: 0, skipped: 0, cancelled: 0 });
      for (const { node } of job.items.edges) expect(node).toMatchObject({ status: 'DONE', attempts: 1, deleteId: expect.any(String), error: null });
      for (const roomId of own) expect((await harness.gateway.execute(RoomExists, { roomId })).data!.room).toBeNull();
      expect((await harness.gateway.execute(RoomExists, { roomId: occupied })).data!.room).not.toBeNull();
      if (target().sim) for (const roomId of own) expect(target().sim!.deletesByRoom.get(roomId)).toBe(1);

      const audit = (await harness.gateway.execute(JobAudit, { jobId: plan.id })).data!.auditLog;
      const deletes = audit.edges.map(({ node }) => node).filter((entry) => entry.action === 'deleteRoom');
      expect(deletes).toHaveLength(6);
      for (const entry of deletes) {
        expect(entry).toMatchObject({ actor: target().fixture.admin.userId, outcome: 'OK', jobId: plan.id, arguments: { block: false, purge: true, forcePurge: false } });
        expect(entry.recovery).toMatchObject({ name: rooms.get(entry.target!), joinRules: 'public', source: 'room history', blocked: false });
        expect((entry.recovery as { members: Record<string, string> }).members[creator.userId]).toBe('leave');
      }
      expect(audit.edges.map(({ node }) => node.action)).toContain('startJob');
    });

    it('pauses (items under way finish, none starts), resumes to the end, cancels what is left; refuses moves a job cannot make', async () => {
      const { rooms } = await emptyRooms(target(), ['Pause one', 'Pause two', 'Pause three', 'Pause four']);
      const plan = await planOwn(new Set(rooms.keys()), { concurrency: 1 });
      await harness.gateway.execute(StartJob, { id: plan.id });
      expect((await harness.gateway.execute(PauseJob, { id: plan.id })).data!.pauseJob.status).toBe('PAUSED');
      await harness.drive(async () => (await readJob(plan.id)).progress.running === 0, 'the item under way ends');
      const paused = await readJob(plan.id);
      expect(paused.status).toBe('PAUSED');
      expect(paused.progress.done).toBeLessThanOrEqual(1);
      expect(paused.progress.pending).toBeGreaterThanOrEqual(3);
      expect(errorCode(await harness.gateway.execute(StartJob, { id: plan.id }))).toBe('CONFLICT');

      expect((await harness.gateway.execute(ResumeJob, { id: plan.id })).data!.resumeJob.status).toBe('RUNNING');
      const done = await untilFinished(plan.id);
      expect(done.status).toBe('COMPLETED');
      expect(done.progress.done).toBe(4);
      expect(errorCode(await harness.gateway.execute(ResumeJob, { id: plan.id }))).toBe('CONFLICT');

      const { rooms: more } = await emptyRooms(target(), ['Cancel one', 'Cancel two', 'Cancel three']);
      const second = await planOwn(new Set(more.keys()), { concurrency: 1 });
      const cancelled = await harness.gateway.execute(CancelJob, { id: second.id });
      expect(cancelled.data!.cancelJob.status).toBe('CANCELLED');
      const after = await readJob(second.id);
      expect(after.progress).toMatchObject({ total: 3, cancelled: 3, done: 0 });
      for (const roomId of more.keys()) expect((await harness.gateway.execute(RoomExists, { roomId })).data!.room).not.toBeNull();
      expect(errorCode(await harness.gateway.execute(StartJob, { id: second.id }))).toBe('CONFLICT');
      expect(errorCode(await harness.gateway.execute(StartJob, { id: 'job_nosuchjob' }))).toBe('NOT_FOUND');
      expect((await harness.gateway.execute(JobState, { id: 'job_nosuchjob' })).data!.job).toBeNull();
    });

    it('waits for credentials when the token running a job stops working, and goes on with the admin who resumes it', async () => {
      const { rooms } = await emptyRooms(target(), ['Orphan one', 'Orphan two', 'Orphan three']);
      const deputy = await target().driver.register(`deputy-${randomBytes(4).toString('hex')}`, { admin: true });
      await harness.gateway.warmAdminCheck(deputy.token);
      const plan = await planOwn(new Set(rooms.keys()), { concurrency: 1 });
      await harness.gateway.execute(StartJob, { id: plan.id }, deputy.token);
      // The deputy leaves: their token dies with their account.
      await target().driver.deactivate(target().fixture.admin.token, deputy.userId);
      await harness.drive(async () => (await readJob(plan.id)).status === 'WAITING_FOR_CREDENTIALS', 'the job waits for credentials');
      const waiting = await readJob(plan.id);
      expect(waiting.error).toMatch(/^The token running the job stopped working/);
      // Nothing is under way for the job. Whether the deputy's last delete had reached Synapse when their token died
      // is the race this test cannot decide on a real server: such an item stays RUNNING for whoever resumes.
      expect(waiting.progress.running).toBeLessThanOrEqual(1);
      await harness.gateway.execute(ResumeJob, { id: plan.id });
      const job = await untilFinished(plan.id);
      expect(job.status).toBe('COMPLETED');
      expect(job.progress.done).toBe(3);
      const audit = (await harness.gateway.execute(JobAudit, { jobId: plan.id })).data!.auditLog.edges.map(({ node }) => node);
      expect(audit.filter((entry) => entry.action === 'startJob').map((entry) => entry.actor)).toEqual([deputy.userId]);
      expect(audit.filter((entry) => entry.action === 'resumeJob').map((entry) => entry.actor)).toEqual([target().fixture.admin.userId]);
      for (const roomId of rooms.keys()) expect((await harness.gateway.execute(RoomExists, { roomId })).data!.room).toBeNull();
    });

    it('streams the job over graphql-ws and SSE from its state now to its end, then completes', async () => {
      const { rooms } = await emptyRooms(target(), ['Watched one', 'Watched two', 'Watched three']);
      const plan = await planOwn(new Set(rooms.keys()));
      const server = await listenTestGateway(harness.gateway);
      const query = 'subscription WatchJob($id: ID!) { job(id: $id) { status progress { total done running } } }';
      type JobEvent = { status: string; progress: { total: number; done: number; running: number } };
      const client = createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${target().fixture.admin.token}` } });
      // The first event of each needs sockets and the store, not the clock: wait for it, not for a number of steps.
      const overWs: JobEvent[] = [];
      let wsFirst!: () => void;
      const wsStarted = new Promise<void>((resolve) => (wsFirst = resolve));
      const wsDone = new Promise<void>((resolve, reject) =>
        client.subscribe<{ job: JobEvent }>(
          { query, variables: { id: plan.id } },
          {
            next: (event) => {
              overWs.push(event.data!.job);
              wsFirst();
            },
            error: reject,
            complete: resolve,
          },
        ),
      );
      const overSse: JobEvent[] = [];
      let sseFirst!: () => void;
      const sseStarted = new Promise<void>((resolve) => (sseFirst = resolve));
      const sseDone = (async () => {
        const response = await fetch(server.http, {
          method: 'POST',
          headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${target().fixture.admin.token}` },
          body: JSON.stringify({ query, variables: { id: plan.id } }),
        });
        let buffer = '';
        for await (const chunk of response.body!) {
          buffer += Buffer.from(chunk as Uint8Array).toString();
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = buffer.slice(0, end).match(/^event: next\ndata: (.*)$/m)?.[1];
            buffer = buffer.slice(end + 2);
            if (data) overSse.push((JSON.parse(data) as { data: { job: JobEvent } }).data.job);
            if (data) sseFirst();
          }
        }
      })();
      await Promise.all([wsStarted, sseStarted]);
      await harness.gateway.execute(StartJob, { id: plan.id });
      await untilFinished(plan.id);
      await Promise.all([wsDone, sseDone]);
      for (const events of [overWs, overSse]) {
        expect(events[0]).toEqual({ status: 'PLANNED', progress: { total: 3, done: 0, running: 0 } });
        expect(events.at(-1)).toEqual({ status: 'COMPLETED', progress: { total: 3, done: 3, running: 0 } });
        const done = events.map((event) => event.progress.done);
        expect(done).toEqual([...done].sort((a, b) => a - b));
      }
      await client.dispose();
      await server.close();
    });

    it('refuses concurrency outside 1–5 before any call', async () => {
      harness.gateway.calls.length = 0;
      for (const concurrency of [0, 6]) {
        const result = await harness.gateway.execute(PlanPurge, { options: { concurrency } });
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
      }
      expect(harness.gateway.calls).toEqual([]);
    });

  });
}

for (const storeKind of storeKinds) {
  // A delete that fails, a room joined again once no local user was in it: only the simulator (a real Synapse cannot
  // join a room it has left without a second homeserver to join through).
  describeSimulated(`purge empty rooms job, ${storeKind} store`, (target) => {
    beforeAll(async () => {
      harness = await jobsHarness(target(), storeKind);
    });
    afterAll(() => harness?.close());

    it('retries a failed delete with backoff, and reports one that keeps failing with Synapse’s reason', async () => {
      const { rooms } = await emptyRooms(target(), ['Flaky', 'Broken', 'Fine']);
      const [flaky, broken] = [...rooms.keys()];
      target().sim!.deletes.failNext(flaky!, 'Simulated failure while purging the room', 1);
      target().sim!.deletes.failNext(broken!, 'Could not purge: database is locked', Infinity);
      const plan = await planOwn(new Set(rooms.keys()));
      await harness.gateway.execute(StartJob, { id: plan.id });
      const job = await untilFinished(plan.id);
      expect(job.status).toBe('FAILED');
      expect(job.error).toBe('1 of 3 items failed; see their errors.');
      const byRoom = new Map(job.items.edges.map(({ node }) => [node.target, node]));
      expect(byRoom.get(flaky!)).toMatchObject({ status: 'DONE', attempts: 2 });
      expect(byRoom.get(broken!)).toMatchObject({ status: 'FAILED', attempts: 3, error: 'Could not purge: database is locked' });
      expect(target().sim!.deletesByRoom.get(broken!)).toBe(3);
      const audit = (await harness.gateway.execute(JobAudit, { jobId: plan.id })).data!.auditLog.edges.map(({ node }) => node);
      const brokenEntries = audit.filter((entry) => entry.target === broken);
      expect(brokenEntries.map((entry) => [entry.outcome, entry.errorCode, entry.message])).toEqual(
        Array(3).fill(['FAILED', 'DELETE_FAILED', 'Could not purge: database is locked']),
      );
    });

    it('counts a delete that reached Synapse just before the token died as the job’s: DONE once resumed, sent once, never NOT_SENT', async () => {
      const { rooms } = await emptyRooms(target(), ['Started, then orphaned']);
      const [roomId] = [...rooms.keys()];
      const sim = target().sim!;
      const deputy = await target().driver.register(`deputy-${randomBytes(4).toString('hex')}`, { admin: true });
      await harness.gateway.warmAdminCheck(deputy.token);
      const plan = await planOwn(new Set(rooms.keys()), { concurrency: 1 });
      sim.resetCounters();
      // The first look at the delete just accepted is held until the deputy's token is dead.
      sim.inject({ method: 'GET', path: /\/v2\/rooms\/delete_status\//, respond: 'hang' });
      await harness.gateway.execute(StartJob, { id: plan.id }, deputy.token);
      await expect.poll(() => sim.count('fault'), { timeout: 30_000 }).toBe(1);
      expect(sim.deletesByRoom.get(roomId!)).toBe(1);
      await target().driver.deactivate(target().fixture.admin.token, deputy.userId);
      sim.releaseHung();
      await harness.drive(async () => (await readJob(plan.id)).status === 'WAITING_FOR_CREDENTIALS', 'the job waits for credentials');
      const waiting = await readJob(plan.id);
      // The item's delete is known: it stays the job's, waiting to be followed.
      expect(waiting.items.edges.map(({ node }) => node)).toMatchObject([{ target: roomId, status: 'RUNNING', deleteId: expect.any(String) }]);
      await harness.gateway.execute(ResumeJob, { id: plan.id });
      const job = await untilFinished(plan.id);
      expect(job.status).toBe('COMPLETED');
      expect(job.progress).toMatchObject({ done: 1, skipped: 0 });
      expect(sim.deletesByRoom.get(roomId!)).toBe(1);
      const audit = (await harness.gateway.execute(JobAudit, { jobId: plan.id })).data!.auditLog.edges.map(({ node }) => node);
      expect(audit.filter((entry) => entry.action === 'deleteRoom').map((entry) => [entry.actor, entry.outcome, entry.errorCode])).toEqual([[deputy.userId, 'OK', null]]);
    });

    it('skips a room someone joined after the plan, with the reason', async () => {
      const { creator, rooms } = await emptyRooms(target(), ['Revived', 'Gone quiet']);
      const [revived] = [...rooms.keys()];
      const plan = await planOwn(new Set(rooms.keys()));
      await target().driver.join(creator.token, revived!);
      await harness.gateway.execute(StartJob, { id: plan.id });
      const job = await untilFinished(plan.id);
      expect(job.status).toBe('COMPLETED');
      const item = job.items.edges.find(({ node }) => node.target === revived)!.node;
      expect(item).toMatchObject({ status: 'SKIPPED', skippedReason: '1 local member(s) joined the room after the plan; it is not empty any more.' });
      expect((await harness.gateway.execute(RoomExists, { roomId: revived! })).data!.room).not.toBeNull();
      expect(target().sim!.deletesByRoom.get(revived!)).toBeUndefined();
    });
  });
}

for (const storeKind of storeKinds) {
  describeScenario(`decommission job, ${storeKind} store`, (target) => {
    beforeAll(async () => {
      harness = await jobsHarness(target(), storeKind);
    });
    afterAll(() => harness?.close());

    it('deactivates exactly the active local users but admins, the caller, appservice users and keep (locked and guests included), then purges the rooms they left', async () => {
      const tag = randomBytes(3).toString('hex');
      const driver = target().driver;
      const leaving = await Promise.all(['ann', 'ben', 'cat'].map((name) => driver.register(`leaving-${name}-${tag}`)));
      const guest = await driver.registerGuest();
      const stays = await driver.register(`stays-${tag}`);
      const boss = await driver.register(`boss-${tag}`, { admin: true });
      await driver.lock(target().fixture.admin.token, leaving[2]!.userId);
      const ownRooms = await Promise.all(leaving.slice(0, 2).map((user, index) => driver.createRoom(user.token, { name: `Alone ${index}` })));
      const shared = await driver.createRoom(leaving[0]!.token, { name: 'Shared with a keeper', public: true });
      await driver.join(stays.token, shared);
      const bossRoom = await driver.createRoom(boss.token, { name: 'Admins only' });
      const targets = new Set([...leaving.map((user) => user.userId), guest.userId]);

      // Everyone else on a shared server is kept; a user another test registers meanwhile makes the plan again.
      const keep = new Set((await harness.gateway.execute(AllUsers, {})).data!.users.edges.map(({ node }) => node.userId).filter((id) => !targets.has(id)));
      let plan;
      for (let attempt = 0; ; attempt++) {
        const planned = await harness.gateway.execute(PlanDecommission, { options: { keep: [...keep] } });
        if (planned.errors) throw new Error(JSON.stringify(planned.errors));
        plan = planned.data!.planDecommission;
        const strangers = plan.items.edges.map(({ node }) => node.target).filter((id) => !targets.has(id));
        if (strangers.length === 0) break;
        if (attempt === 4) throw new Error('other tests kept registering users');
        await harness.gateway.execute(CancelJob, { id: plan.id });
        for (const id of strangers) keep.add(id);
      }
      expect(plan).toMatchObject({ kind: 'DECOMMISSION', status: 'PLANNED', phase: 'DEACTIVATE_USERS' });
      expect(new Set(plan.items.edges.map(({ node }) => node.target))).toEqual(targets);
      expect(plan.adminsToHandle.map((admin) => admin.userId)).toContain(boss.userId);
      expect(plan.adminsToHandle.map((admin) => admin.userId)).not.toContain(target().fixture.admin.userId);
      const review = new Map(plan.items.edges.map(({ node }) => [node.target, node.review as { locked: boolean; guest: boolean; rooms: string[] }]));
      expect(review.get(leaving[2]!.userId)).toMatchObject({ locked: true });
      expect(review.get(guest.userId)).toMatchObject({ guest: true });
      expect(review.get(leaving[0]!.userId)!.rooms.sort()).toEqual([ownRooms[0]!, shared].sort());

      await harness.gateway.execute(StartJob, { id: plan.id });
      const job = await untilFinished(plan.id);
      expect(job.status).toBe('COMPLETED');
      const items = job.items.edges.map(({ node }) => node);
      expect(items.filter((item) => item.phase === 'DEACTIVATE_USERS').map((item) => [item.target, item.status]).sort()).toEqual(
        [...targets].sort().map((id) => [id, 'DONE']),
      );
      // Their rooms no local user is in any more; not the one a keeper is still in, not the admin's.
      expect(items.filter((item) => item.phase === 'PURGE_ROOMS').map((item) => [item.target, item.status]).sort()).toEqual(
        [...ownRooms].sort().map((id) => [id, 'DONE']),
      );
      for (const userId of targets) expect((await harness.gateway.execute(UserState, { userId })).data!.user).toMatchObject({ deactivated: true, erased: true });
      for (const userId of [stays.userId, boss.userId]) expect((await harness.gateway.execute(UserState, { userId })).data!.user).toMatchObject({ deactivated: false });
      for (const roomId of ownRooms) expect((await harness.gateway.execute(RoomExists, { roomId })).data!.room).toBeNull();
      for (const roomId of [shared, bossRoom]) expect((await harness.gateway.execute(RoomExists, { roomId })).data!.room).not.toBeNull();
      if (target().sim) for (const userId of targets) expect(target().sim!.deactivationsByUser.get(userId)).toBe(1);
      const audit = (await harness.gateway.execute(JobAudit, { jobId: plan.id })).data!.auditLog.edges.map(({ node }) => node);
      expect(audit.filter((entry) => entry.action === 'deactivateUser' && entry.outcome === 'OK').map((entry) => entry.target).sort()).toEqual([...targets].sort());
      expect(audit.find((entry) => entry.action === 'deactivateUser')!.arguments).toEqual({ erase: true });
    });
  });
}
