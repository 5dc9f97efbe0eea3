import { afterAll, describe, expect, it } from 'vitest';
import { Cluster, installTakeoverLog, jobFields, mostDeletesAtOnce, mostRunningAtOnce, ownersOf, readTakeovers, simulatorTasks, type JobView, type Replica } from './support/cluster.js';
import { freshPostgresDatabase, postgresUrl } from './support/postgres.js';
import { killAll, startSimulatorProcess, stopProcess, type SimulatorProcess } from './support/processes.js';
import { seededRandom } from './support/seeded-random.js';
import { allAuditEntries, allItems } from './support/job-pages.js';

/**
 * Issue 10's cluster test: three gateway processes on one PostgreSQL (each its own port) in front of the simulator
 * in a process of its own. A 1,000-room purge, and a 2,000-user decommission, run while a random replica is killed
 * with SIGKILL every 200–800 ms and replaced by a new process (on a new port) that a `job` subscription gives the
 * admin's token. Whatever the kills hit, Synapse must see every room deleted and every user deactivated exactly once
 * (the simulator's per-target counters), the job must end COMPLETED with every item DONE, the subscribers of the
 * replicas that lived to the end must see it end, and the audit log must hold one OK entry per action. Once a run
 * every live replica is killed at once (an outage): with nobody holding the token the job must wait for credentials,
 * and the test resumes it. Replacements take seconds to start, longer than the time between kills, so the last live
 * replica is otherwise killed only now and then. Kill moments and victims come from a seeded generator; which item's
 * life each kill cuts depends on the machine, which is the point. The test synchronizes on the job's state only:
 * sleeps just space the kills.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const finished = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);


/**
 * Every replica: short leases, so that a killed replica's items and worker rows run out quickly (the job-wide
 * concurrency counts them until then); fast polls and backoffs; a quick shutdown.
 */
const replicaTuning = {
  JOB_LEASE_MS: '2000',
  SYNAPSE_TIMEOUT_MS: '1000',
  JOB_RETRY_BACKOFF_MS: '100',
  DELETE_POLL_INTERVAL_MS: '50',
  JOB_PARTING_TIMEOUT_MS: '60000',
  SHUTDOWN_TIMEOUT_MS: '1000',
};
const replicaCount = 3;
/** The test fails if the job ended before this many kills: it cannot pass without chaos. */
const minKills = 10;
/**
 * Replacements take seconds to start (more than the time between kills): the last live replica is killed only with
 * these odds at each kill moment, so that the cluster is mostly not empty.
 */
const lastOneOdds = 0.05;
/** After this many kills, the next kill moment kills every live replica at once (an outage; once a run). */
const outageAfter = 4;
/** A job making no progress for this long fails the test (a stuck job, not a slow machine). */
const stallMs = 90_000;

interface ItemView {
  target: string;
  action: 'DELETE_ROOM' | 'DEACTIVATE_USER';
  phase: string;
  status: string;
  attempts: number;
}

interface ChaosFigures {
  kills: number;
  killsByPhase: Record<string, number>;
  /** Times the job waited for credentials (every replica holding the token was gone) and was resumed. */
  resumes: number;
  /** Times every live replica was killed at once. */
  outages: number;
  replicasStarted: number;
  survivors: number;
  ms: number;
  /** From the start of the chaos to the last kill. */
  chaosMs: number;
  /** When (s since the start) the test first saw each phase, and the job end. */
  timeline: string[];
  /** Spawn to 'store open' of the replacements: mean and max. */
  startMs: { mean: number; max: number };
}

/**
 * Runs the job started on a replica to its end while killing a random live replica every 200–800 ms and starting a
 * replacement, which subscribes to the job (its token: the replacement works on the job). `budget` spreads the kills
 * over the job's phases, in phase order (kills a phase did not get, because it went by first, go to the next one).
 * A job waiting for credentials is resumed at a live replica, and every other live replica subscribes again (a
 * subscription to a job that waits gives no token). Kills stop once the budget is spent, or once `nearEnd` (and
 * minKills were made).
 */
async function runWithChaos(
  cluster: Cluster,
  jobId: string,
  random: () => number,
  budget: Record<string, number>,
  nearEnd: (job: JobView) => boolean,
): Promise<{ job: JobView; figures: ChaosFigures }> {
  const started = Date.now();
  let job = await readJob(cluster, jobId);
  let kills = 0;
  let resumes = 0;
  const killsByPhase: Record<string, number> = {};
  let chaosOver = false;
  let chaosMs = 0;
  let failure: unknown;
  const replacements: Promise<unknown>[] = [];
  const phases = Object.keys(budget);
  const budgetLeft = () => Object.values(budget).reduce((sum, n) => sum + n, 0);
  const carryForward = (phase: string) => {
    for (const past of phases.slice(0, Math.max(0, phases.indexOf(phase)))) {
      budget[phase]! += budget[past]!;
      budget[past] = 0;
    }
  };

  /** After an outage, replacements do not subscribe until the job was resumed: nobody may hold its token meanwhile. */
  let holdSubscriptions = false;
  let outages = 0;
  const replace = () => {
    replacements.push(
      cluster.start().then((replica) => {
        if (!holdSubscriptions) cluster.follow(replica, jobId);
      }),
    );
  };

  const chaos = (async () => {
    while (!finished.has(job.status) && budgetLeft() > 0 && !(kills >= minKills && nearEnd(job))) {
      await sleep(200 + random() * 600);
      if (failure || finished.has(job.status)) break;
      const phase = job.phase ?? 'none';
      carryForward(phase);
      if (!(budget[phase]! > 0)) continue;
      if (kills >= outageAfter && outages === 0 && job.status === 'RUNNING') {
        // Every replica at once, none of the replacements subscribing: the job must wait for credentials (the
        // replacements strand it once the worker rows have run out), and the test resumes it.
        holdSubscriptions = true;
        while (cluster.live().some((replica) => replica.pinned > 0)) await sleep(5);
        const victims = cluster.live();
        await Promise.all(victims.map((victim) => cluster.kill(victim)));
        outages++;
        kills += victims.length;
        budget[phase] = Math.max(0, budget[phase]! - victims.length);
        killsByPhase[phase] = (killsByPhase[phase] ?? 0) + victims.length;
        for (const _ of victims) replace();
        continue;
      }
      // The last live replica only now and then: a survivor mostly takes the items over, and the job sometimes
      // waits for credentials when none is left.
      if (cluster.live().length < 2 && random() >= lastOneOdds) continue;
      const victim = cluster.victim(random);
      if (!victim) continue;
      await cluster.kill(victim);
      kills++;
      budget[phase]!--;
      killsByPhase[phase] = (killsByPhase[phase] ?? 0) + 1;
      replace();
    }
    chaosOver = true;
    chaosMs = Date.now() - started;
  })().catch((error: unknown) => {
    failure ??= error;
  });

  // The job as the test sees it; resumed whenever it waits for credentials.
  const timeline: string[] = [];
  let lastSeen = '';
  let lastDone = -1;
  let lastChange = Date.now();
  try {
    for (;;) {
      if (failure) throw failure;
      job = await readJob(cluster, jobId);
      const seen = `${job.phase}${job.status === 'RUNNING' ? '' : ` ${job.status}`}`;
      if (seen !== lastSeen) timeline.push(`${((Date.now() - started) / 1000).toFixed(1)} ${(lastSeen = seen)} (${job.progress.done} done)`);
      if (finished.has(job.status)) break;
      if (job.progress.done !== lastDone || job.status !== 'RUNNING') {
        lastDone = job.progress.done;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > stallMs) {
        throw new Error(`no item done for ${stallMs} ms: ${JSON.stringify(job)}; ${cluster.live().length} replicas live, ${cluster.startsUnderWay} starting`);
      }
      if (job.status === 'WAITING_FOR_CREDENTIALS') {
        const resumed = await cluster.use(async (replica) => {
          const body = await cluster.askAt<{ resumeJob: { status: string } }>(replica, `mutation ($id: ID!) { resumeJob(id: $id) { status } }`, { id: jobId });
          return { replica, status: body.resumeJob.status };
        });
        expect(resumed.status).toBe('RUNNING');
        resumes++;
        holdSubscriptions = false;
        // The live replicas came up while subscriptions were held, or their subscriptions gave a token that no
        // longer counts: a new subscription gives them the token again. The replica that took the resume subscribes
        // too: it may be a replacement that came up during the hold, with no subscriber yet.
        for (const replica of cluster.live()) cluster.follow(replica, jobId);
        lastChange = Date.now();
        continue;
      }
      await sleep(chaosOver ? 250 : 100);
    }
    await chaos;
    if (failure) throw failure;
    // Replacements that were starting when the job ended come up and subscribe (they see it COMPLETED at once).
    await Promise.all(replacements);
  } catch (error) {
    chaosOver = true;
    failure ??= error;
    await chaos;
    await Promise.allSettled(replacements);
    throw failure;
  }
  return {
    job,
    figures: {
      kills,
      killsByPhase,
      resumes,
      outages,
      replicasStarted: cluster.replicas.length,
      survivors: cluster.live().length,
      ms: Date.now() - started,
      chaosMs,
      timeline,
      startMs: { mean: Math.round(mean(cluster.replicas.slice(replicaCount).map((replica) => replica.gateway.storeOpenMs))), max: Math.max(0, ...cluster.replicas.map((replica) => replica.gateway.storeOpenMs)) },
    },
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

async function readJob(cluster: Cluster, id: string): Promise<JobView> {
  const { job } = await cluster.ask<{ job: JobView | null }>(`query ($id: ID!) { job(id: $id) { ${jobFields} } }`, { id });
  if (!job) throw new Error(`no job ${id}`);
  return job;
}


/** The job's own checks, the same for both kinds: items, subscribers, audit log, takeovers. */
async function checkRun(options: {
  cluster: Cluster;
  databaseUrl: string;
  jobId: string;
  job: JobView;
  figures: ChaosFigures;
  /** The job's concurrency, by phase. */
  concurrency: Record<string, number>;
  sim: SimulatorProcess;
}): Promise<{ items: ItemView[]; takeovers: number; notSent: number; reconciled: number; itemsByReplica: number[]; mostDeletesAtOnce: number; mostRunning: Record<string, number> }> {
  const { cluster, databaseUrl, jobId, job, figures } = options;

  // The job: COMPLETED, every item DONE (none skipped: a target handled twice would find its room gone).
  const items = await allItems<ItemView>((query, variables) => cluster.ask(query, variables), jobId, 'target action phase status attempts');
  const notDone = items.filter((item) => item.status !== 'DONE');
  expect(job, `items not done: ${JSON.stringify(notDone.slice(0, 10))}`).toMatchObject({ status: 'COMPLETED', error: null });
  expect(job.progress).toMatchObject({ done: job.progress.total, pending: 0, running: 0, failed: 0, skipped: 0, cancelled: 0 });
  expect(items.length).toBe(job.progress.total);
  expect(notDone).toEqual([]);

  // Subscribers: every subscription on a replica that lived to the end saw the job end COMPLETED (one at least per
  // survivor); those on killed replicas lost their connection with it.
  const survivors = cluster.live();
  expect(survivors.length).toBeGreaterThan(0);
  await Promise.all(survivors.flatMap((replica) => replica.followers.map((follower) => withTimeout(follower.over, 30_000, `replica ${replica.life}'s subscription did not end after the job did`))));
  for (const replica of survivors) {
    expect(replica.followers.length, `replica ${replica.life} has no subscriber`).toBeGreaterThan(0);
    for (const follower of replica.followers) {
      expect({ replica: replica.life, state: follower.state, error: follower.error }).toEqual({ replica: replica.life, state: 'completed', error: undefined });
      expect(follower.events.at(-1)).toMatchObject({ id: jobId, status: 'COMPLETED' });
    }
  }

  // The audit log: one OK entry per target; the only other entries are attempts a kill cut before Synapse got them
  // (completed FAILED NOT_SENT by the replica that took the item over); nothing left PENDING.
  const audit = await allAuditEntries((query, variables) => cluster.ask(query, variables), jobId);
  const itemEntries = audit.filter((entry) => entry.action === 'deleteRoom' || entry.action === 'deactivateUser');
  const okByTarget = new Map<string, number>();
  for (const entry of itemEntries) if (entry.outcome === 'OK') okByTarget.set(`${entry.action} ${entry.target}`, (okByTarget.get(`${entry.action} ${entry.target}`) ?? 0) + 1);
  const expectedOk = items.map((item) => `${item.action === 'DELETE_ROOM' ? 'deleteRoom' : 'deactivateUser'} ${item.target}`);
  expect(okByTarget.size).toBe(expectedOk.length);
  expect(new Set(okByTarget.keys())).toEqual(new Set(expectedOk));
  expect([...okByTarget].filter(([, count]) => count !== 1), 'targets with more than one OK audit entry').toEqual([]);
  const notSent = itemEntries.filter((entry) => entry.outcome === 'FAILED' && entry.errorCode === 'NOT_SENT');
  const others = itemEntries.filter((entry) => entry.outcome !== 'OK' && !notSent.includes(entry));
  expect(others, 'audit entries neither OK nor NOT_SENT').toEqual([]);
  const reconciled = itemEntries.filter((entry) => entry.outcome === 'OK' && entry.message?.startsWith('Reconciled')).length;
  expect(audit.filter((entry) => entry.action === 'startJob').length).toBe(1);
  expect(audit.filter((entry) => entry.action === 'resumeJob').length).toBe(figures.resumes);
  // The outage left nobody holding the token: the job waited for credentials and was resumed at least once.
  expect(figures.outages).toBe(1);
  expect(figures.resumes).toBeGreaterThanOrEqual(1);

  // Takeovers: each one's previous owner was a replica killed before the lease it held ran out (a live replica
  // renews its leases; taking an item from one would let two replicas act on it).
  const takeovers = await readTakeovers(databaseUrl, jobId);
  const byId = new Map(cluster.replicas.map((replica) => [replica.replicaId, replica]));
  const fromLive = takeovers.filter((takeover) => {
    const previous = byId.get(takeover.oldOwner ?? '');
    return !previous || previous.killedAt === null || previous.killedAt > takeover.at;
  });
  expect(fromLive, 'items taken over from a replica that was not killed').toEqual([]);
  // The outage at least left items in flight that a replica took over after the resume.
  expect(takeovers.length).toBeGreaterThan(0);

  // Job-wide concurrency: never more items of a phase RUNNING at once than the job allows, whichever replicas ran
  // them (items a killed replica left count until taken over), nor more of its deletes at once in Synapse.
  const running = await mostRunningAtOnce(databaseUrl, jobId);
  expect(Object.keys(running).length).toBeGreaterThan(0);
  for (const [phase, most] of Object.entries(running)) expect(most, `items of ${phase} RUNNING at once, over every replica`).toBeLessThanOrEqual(options.concurrency[phase] ?? 0);
  const most = mostDeletesAtOnce(await simulatorTasks(options.sim));
  expect(most).toBeLessThanOrEqual(options.concurrency.PURGE_ROOMS ?? 0);

  const owners = await ownersOf(databaseUrl, jobId);
  return { items, takeovers: takeovers.length, notSent: notSent.length, reconciled, itemsByReplica: [...owners.values()].sort((a, b) => b - a), mostDeletesAtOnce: most, mostRunning: running };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

function report(kind: string, figures: ChaosFigures, checked: Awaited<ReturnType<typeof checkRun>>, totalMs: number): void {
  console.info(
    `  cluster test [${kind}]: ${checked.items.length} items; ${figures.kills} kills (by phase ${JSON.stringify(figures.killsByPhase)}), ` +
      `${figures.replicasStarted} replicas started, ${figures.survivors} lived to the end; ${checked.takeovers} items taken over, ` +
      `${figures.resumes} resumes (every worker gone; ${figures.outages} outage), ${checked.notSent} NOT_SENT audit entries, ${checked.reconciled} deactivations found done by a takeover; ` +
      `items by last owner ${JSON.stringify(checked.itemsByReplica)}; at most ${JSON.stringify(checked.mostRunning)} items running and ${checked.mostDeletesAtOnce} deletes in Synapse at once; ` +
      `replacements up in ${figures.startMs.mean} ms (mean; max ${figures.startMs.max} ms); ` +
      `job ${(figures.ms / 1000).toFixed(1)} s (chaos ${(figures.chaosMs / 1000).toFixed(1)} s; seen at s: ${figures.timeline.join(', ')}), run ${(totalMs / 1000).toFixed(1)} s`,
  );
}

afterAll(() => killAll());

describe.skipIf(!postgresUrl)('a cluster of 3 gateway processes on one PostgreSQL, a random replica killed (SIGKILL) and replaced every few hundred ms', () => {
  let sim: SimulatorProcess | undefined;
  let cluster: Cluster | undefined;
  let drop: (() => Promise<void>) | undefined;

  /** A simulator, a fresh database, and three replicas on it (the first migrates the database alone). */
  async function setUp(seed: number, simConfig: { rooms: number }) {
    // A real clock in the simulator; small latency, fast deletes, and Synapse's parter leaving a room every ms.
    sim = await startSimulatorProcess({ latencyMs: 2, rooms: simConfig.rooms, deleteTimings: { launchDelayMs: 1, newRoomMs: 2, kickMsPerUser: 1, purgeMs: 5, relaunchDelayMs: 5 } });
    await sim.configure({ partIntervalMs: 1 });
    const database = await freshPostgresDatabase();
    drop = database.drop;
    const random = seededRandom(seed);
    cluster = new Cluster(sim, { ...replicaTuning, DATABASE_URL: database.url });
    await cluster.start();
    await installTakeoverLog(database.url);
    await Promise.all(Array.from({ length: replicaCount - 1 }, () => cluster!.start()));
    return { sim, cluster, databaseUrl: database.url, random };
  }

  async function tearDown() {
    const failed: unknown[] = [];
    for (const step of [() => cluster?.close(), () => sim && stopProcess(sim, 2000), () => drop?.()]) {
      try {
        await step();
      } catch (error) {
        failed.push(error);
      }
    }
    cluster = undefined;
    sim = undefined;
    drop = undefined;
    if (failed.length) throw failed[0];
  }

  function dumpOnFailure() {
    for (const replica of cluster?.replicas ?? []) {
      const warnings = replica.gateway.logs.filter((line) => Number(line.level) >= 40).slice(-5);
      if (warnings.length || replica.gateway.stderrTail()) {
        console.error(`replica ${replica.life} (${replica.killedAt === null ? 'live' : 'killed'}): ${warnings.map((line) => JSON.stringify(line)).join('\n')}\n${replica.gateway.stderrTail()}`);
      }
    }
  }

  /** Runs `body` on a cluster of its own, printing the replicas' warnings if it fails, and tears the cluster down. */
  async function inCluster(seed: number, simConfig: { rooms: number }, body: (setup: Awaited<ReturnType<typeof setUp>>) => Promise<void>) {
    try {
      await body(await setUp(seed, simConfig));
    } catch (error) {
      dumpOnFailure();
      throw error;
    } finally {
      await tearDown();
    }
  }

  it('a 1,000-room purge: every empty room deleted exactly once, occupied rooms untouched, survivors see it complete', { timeout: 240_000 }, async () => {
    const runStarted = Date.now();
    await inCluster(10, { rooms: 20 }, async ({ sim, cluster, databaseUrl, random }) => {
      const seeded = await sim.seed({ emptyRooms: 1000, prefix: 'cluster' });
      const occupied = (sim.logs.find((line) => Array.isArray(line.roomIds))?.roomIds ?? []) as string[];
      expect(occupied).toHaveLength(20);

      const concurrency = 5;
      const planned = (await cluster.ask<{ planPurgeEmptyRooms: JobView }>(`mutation ($c: Int!) { planPurgeEmptyRooms(options: { concurrency: $c }) { ${jobFields} } }`, { c: concurrency })).planPurgeEmptyRooms;
      expect(planned.progress.total).toBe(1000);
      const jobId = planned.id;
      // Started at one replica; a subscriber at every replica (each one gets the token and works on the job).
      await cluster.ask(`mutation ($id: ID!) { startJob(id: $id) { id } }`, { id: jobId });
      for (const replica of cluster.live()) cluster.follow(replica, jobId);

      const { job, figures } = await runWithChaos(cluster, jobId, random, { PURGE_ROOMS: 12 }, (now) => now.progress.done >= 0.9 * now.progress.total);
      const checked = await checkRun({ cluster, databaseUrl, jobId, job, figures, concurrency: { PURGE_ROOMS: concurrency }, sim });

      // Synapse: exactly one delete per empty room, and one complete delete task each; occupied rooms untouched.
      expect(new Set(checked.items.map((item) => item.target))).toEqual(new Set(seeded.emptyRoomIds));
      const stats = await sim.stats();
      expect(Object.entries(stats.deletesByRoom).filter(([, count]) => count !== 1), 'rooms deleted more than once').toEqual([]);
      expect(new Set(Object.keys(stats.deletesByRoom))).toEqual(new Set(seeded.emptyRoomIds));
      const tasks = await simulatorTasks(sim);
      expect(tasks.filter((task) => task.status !== 'complete')).toEqual([]);
      expect(tasks.length).toBe(1000);
      expect(stats.deactivationsByUser).toEqual({});

      report('purge, 1,000 rooms', figures, checked, Date.now() - runStarted);
      expect(figures.kills).toBeGreaterThanOrEqual(minKills);
    });
  });

  it('a 2,000-user decommission: every user deactivated exactly once, then the rooms they left purged exactly once', { timeout: 240_000 }, async () => {
    const runStarted = Date.now();
    await inCluster(20, { rooms: 10 }, async ({ sim, cluster, databaseUrl, random }) => {
      // The simulator's three members stay (`keep`), and so do the 10 rooms they are in. Of the 2,000 users, 300
      // have a room of their own, which phase 2 purges once Synapse has parted them.
      const members = (sim.logs.find((line) => Array.isArray(line.memberIds))?.memberIds ?? []) as string[];
      const occupied = (sim.logs.find((line) => Array.isArray(line.roomIds))?.roomIds ?? []) as string[];
      expect(members).toHaveLength(3);
      const quiet = await sim.seed({ users: 1700, roomsPerUser: 0, prefix: 'quiet' });
      const roomy = await sim.seed({ users: 300, roomsPerUser: 1, prefix: 'roomy' });
      const userIds = [...quiet.userIds, ...roomy.userIds];
      const theirRooms = Object.values(roomy.userRoomIds).flat();
      expect(theirRooms).toHaveLength(300);

      const planned = (
        await cluster.ask<{ planDecommission: JobView }>(`mutation ($keep: [ID!]) { planDecommission(options: { keep: $keep, concurrency: 16, deleteConcurrency: 5 }) { ${jobFields} } }`, {
          keep: members,
        })
      ).planDecommission;
      expect(planned.progress.total).toBe(2000);
      const jobId = planned.id;
      await cluster.ask(`mutation ($id: ID!) { startJob(id: $id) { id } }`, { id: jobId });
      for (const replica of cluster.live()) cluster.follow(replica, jobId);

      const { job, figures } = await runWithChaos(cluster, jobId, random, { DEACTIVATE_USERS: 8, WAIT_FOR_PARTING: 1, PURGE_ROOMS: 4 }, (now) => now.phase === 'PURGE_ROOMS' && now.progress.done >= 0.95 * now.progress.total);
      const checked = await checkRun({ cluster, databaseUrl, jobId, job, figures, concurrency: { DEACTIVATE_USERS: 16, PURGE_ROOMS: 5 }, sim });

      // Synapse: every planned user deactivated exactly once (the 2,000 among them, the kept members not), then
      // exactly one delete per room they left; the members' rooms untouched.
      const deactivated = checked.items.filter((item) => item.action === 'DEACTIVATE_USER').map((item) => item.target);
      for (const userId of userIds) expect(deactivated.includes(userId), userId).toBe(true);
      for (const userId of members) expect(deactivated.includes(userId), userId).toBe(false);
      const stats = await sim.stats();
      expect(Object.entries(stats.deactivationsByUser).filter(([, count]) => count !== 1), 'users deactivated more than once').toEqual([]);
      expect(new Set(Object.keys(stats.deactivationsByUser))).toEqual(new Set(deactivated));
      const purged = checked.items.filter((item) => item.action === 'DELETE_ROOM').map((item) => item.target);
      expect(new Set(purged)).toEqual(new Set(theirRooms));
      expect(Object.entries(stats.deletesByRoom).filter(([, count]) => count !== 1), 'rooms deleted more than once').toEqual([]);
      expect(new Set(Object.keys(stats.deletesByRoom))).toEqual(new Set(theirRooms));
      for (const roomId of occupied) expect(stats.deletesByRoom[roomId], roomId).toBeUndefined();
      const tasks = await simulatorTasks(sim);
      expect(tasks.filter((task) => task.status !== 'complete')).toEqual([]);

      report('decommission, 2,000 users', figures, checked, Date.now() - runStarted);
      expect(figures.kills).toBeGreaterThanOrEqual(minKills);
    });
  });
});
