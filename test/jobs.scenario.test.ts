import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { countCalls, errorCode } from './support/gateway.js';
import { jobsHarness, type JobsHarness } from './support/jobs.js';
import { storeKinds } from './support/stores.js';
import { describeScenario, type Target } from './support/targets.js';

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
