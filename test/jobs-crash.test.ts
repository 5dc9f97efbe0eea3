import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, postgresUrl } from './support/postgres.js';
import { graphql, kill9, killAll, startGateway, startSimulatorProcess, stopProcess, type GatewayProcess, type SimulatorProcess } from './support/processes.js';
import type { JobPhase, JobProgress } from '../src/store/jobs.js';
import { seededRandom } from './support/seeded-random.js';
import { allAuditEntries, allItems } from './support/job-pages.js';

/**
 * Chaos, not timing: a real gateway process (node --import tsx src/main.ts) is killed with SIGKILL again and again
 * while it runs a 200-room purge or a 500-user decommission against the simulator in a process of its own, started
 * again on the same store, and resumed. Whatever moment a kill lands on, Synapse must see every room deleted and
 * every user deactivated exactly once (the simulator's per-target counters), and the job must end COMPLETED with
 * every item done. In the purge, one room in ten fails its first delete (Synapse's purges fail intermittently):
 * kills then also land in retries and their backoffs, and those rooms see exactly one failed and one complete
 * delete. Kill moments come from a seeded generator (the same run kills at the same points of progress); where
 * exactly in an item's life each kill lands depends on the machine, which is the point.
 */

type JobKind = 'purge' | 'decommission';
type Phase = JobPhase;
type Progress = JobProgress;

interface JobView {
  id: string;
  status: string;
  phase: Phase | null;
  error: string | null;
  progress: Progress;
}
interface ItemView {
  target: string;
  action: 'DELETE_ROOM' | 'DEACTIVATE_USER';
  phase: Phase;
  status: string;
  attempts: number;
  deleteId: string | null;
  error: string | null;
  skippedReason: string | null;
}

const jobFields = 'id status phase error progress { total pending running done failed skipped cancelled }';
const finished = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const itemFields = 'target action phase status attempts deleteId error skippedReason';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tuning of every gateway life: short leases so that a restart reconciles at once, fast polls and backoffs. */
const gatewayTuning = {
  JOB_LEASE_MS: '1500',
  SYNAPSE_TIMEOUT_MS: '1000',
  JOB_RETRY_BACKOFF_MS: '100',
  DELETE_POLL_INTERVAL_MS: '50',
  JOB_PARTING_TIMEOUT_MS: '60000',
  SHUTDOWN_TIMEOUT_MS: '1000',
};

/**
 * Kills of one run at points of progress: spread over the phases with items, plus one while Synapse parts the
 * deactivated users (decommission). With the early kills below: 8 kills a run, the last one before the job's end.
 */
const killPlans: Record<JobKind, Partial<Record<Phase, number>>> = {
  purge: { PURGE_ROOMS: 6 },
  decommission: { DEACTIVATE_USERS: 3, WAIT_FOR_PARTING: 1, PURGE_ROOMS: 2 },
};
/** Every `earlyEvery`-th life is cut short 50–400 ms after its resume, whatever the progress: mid-reconciliation. */
const earlyEvery = 3;

interface Figures {
  store: string;
  kind: JobKind;
  kills: number;
  killsByPhase: Record<string, number>;
  earlyKills: number;
  restarts: number;
  totalMs: number;
  jobMs: number;
  /** Spawn to 'store open', restarts only. */
  restartMs: { mean: number; max: number };
  /** 'gateway listening' to 'store open', restarts only. */
  storeReopenMs: { mean: number; max: number };
  /** Items left RUNNING by a killed process, reconciled by the next one (summed over restarts). */
  reconciled: number;
  reconciledWithDeleteId: number;
  notSent: number;
  reconciledDeactivations: number;
  items: number;
  flakyRooms: number;
  /** Items with more than one counted attempt (a flaky room's retry; an attempt a kill cut before sending is not counted). */
  retried: number;
}

async function crashRun(options: { store: string; kind: JobKind; storeEnv: Record<string, string>; seed: number; flakyEvery?: number }): Promise<Figures> {
  const { kind, storeEnv } = options;
  const random = seededRandom(options.seed);
  const runStarted = Date.now();
  let sim: SimulatorProcess | undefined;
  let gateway: GatewayProcess | undefined;
  try {
    // A real clock in the simulator; small latency and fast deletes, and Synapse's parter leaving a room every ms.
    sim = await startSimulatorProcess({ latencyMs: 3, deleteTimings: { launchDelayMs: 2, newRoomMs: 5, kickMsPerUser: 2, purgeMs: 20, relaunchDelayMs: 20 } });
    await sim.configure({ partIntervalMs: 1 });
    const seeded = await sim.seed(kind === 'purge' ? { emptyRooms: 200, prefix: 'crash' } : { users: 500, roomsPerUser: 1, prefix: 'crash' });
    const token = sim.token;
    // Rooms whose first delete fails at the purge step; the job retries them.
    const flaky = new Set(options.flakyEvery ? seeded.emptyRoomIds.filter((_, index) => index % options.flakyEvery! === 0) : []);
    if (flaky.size) await sim.configure({ failDeletesTimes: Object.fromEntries([...flaky].map((roomId) => [roomId, 1])) });

    /** Warnings and errors every life of the gateway logged. */
    const warnings: string[] = [];
    const restartTimes: number[] = [];
    /** Per start: ms from 'gateway listening' to 'store open' (opening the store, and turning RUNNING jobs to waiting). */
    const storeOpenTimes: number[] = [];
    const start = async () => {
      if (gateway) warnings.push(...warningsOf(gateway));
      const started = Date.now();
      gateway = await startGateway(sim!.url, { ...gatewayTuning, ...storeEnv });
      restartTimes.push(Date.now() - started);
      storeOpenTimes.push(gateway.storeOpenMs - gateway.listeningMs);
      return gateway;
    };
    // The gateway checks the token with Synapse (SYNAPSE_TIMEOUT_MS 1 s): on a loaded machine that check may time
    // out, and nothing has happened then (every operation here is a read, or a job move made after the check).
    const ask = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      for (let tries = 1; ; tries++) {
        try {
          return await graphql<T>(gateway!.url, token, query, variables);
        } catch (error) {
          if (tries >= 5 || !String(error).includes('"code":"UPSTREAM_UNAVAILABLE"')) throw error;
          await sleep(250 * tries);
        }
      }
    };
    const readJob = async (id: string) => (await ask<{ job: JobView }>(`query ($id: ID!) { job(id: $id) { ${jobFields} } }`, { id })).job;

    await start();
    const planned =
      kind === 'purge'
        ? (await ask<{ planPurgeEmptyRooms: JobView }>(`mutation { planPurgeEmptyRooms(options: { concurrency: 5 }) { ${jobFields} } }`)).planPurgeEmptyRooms
        : (await ask<{ planDecommission: JobView }>(`mutation { planDecommission(options: { concurrency: 8, deleteConcurrency: 5 }) { ${jobFields} } }`)).planDecommission;
    const jobId = planned.id;
    const plannedItems = await allItems<ItemView>(ask, jobId, itemFields);
    if (kind === 'purge') {
      expect(new Set(plannedItems.map((item) => item.target))).toEqual(new Set(seeded.emptyRoomIds));
    } else {
      const planned = new Set(plannedItems.map((item) => item.target));
      for (const userId of seeded.userIds) expect(planned.has(userId), userId).toBe(true);
    }

    const jobStarted = Date.now();
    await ask(`mutation ($id: ID!) { startJob(id: $id) { id } }`, { id: jobId });

    const plan = { ...killPlans[kind] };
    const killsByPhase: Record<string, number> = {};
    let kills = 0;
    let earlyKills = 0;
    let reconciled = 0;
    let reconciledWithDeleteId = 0;
    let resumes = 0;
    let done = false;
    const budgetLeft = () => Object.values(plan).reduce((sum, n) => sum + (n ?? 0), 0);
    // Kills a phase did not get (it went by between two looks) go to the purge phase: the run keeps its kill count.
    const carryForward = (phase: Phase) => {
      const earlier: Phase[] = phase === 'WAIT_FOR_PARTING' ? ['DEACTIVATE_USERS'] : phase === 'PURGE_ROOMS' ? ['DEACTIVATE_USERS', 'WAIT_FOR_PARTING'] : [];
      for (const past of earlier) {
        if (!plan[past]) continue;
        plan.PURGE_ROOMS = (plan.PURGE_ROOMS ?? 0) + plan[past]!;
        plan[past] = 0;
      }
    };

    for (let life = 1; budgetLeft() > 0 && !done; life++) {
      // Wait for this life's kill point.
      const resumedAt = Date.now();
      let job = await readJob(jobId);
      const doneAtResume = job.progress.done;
      const early = life % earlyEvery === 0;
      let killPhase: Phase | null = null;
      if (early) {
        await sleep(50 + random() * 350);
        job = await readJob(jobId);
        killPhase = job.phase;
      } else {
        let amount: number | undefined;
        let amountPhase: Phase | null = null;
        let partingKillAt: number | undefined;
        for (;;) {
          job = await readJob(jobId);
          if (finished.has(job.status)) break;
          const phase = job.phase!;
          carryForward(phase);
          if (phase === 'WAIT_FOR_PARTING') {
            if ((plan.WAIT_FOR_PARTING ?? 0) > 0) {
              partingKillAt ??= Date.now() + random() * 150;
              if (Date.now() >= partingKillAt) {
                killPhase = phase;
                break;
              }
            }
          } else if ((plan[phase] ?? 0) > 0) {
            // This phase's remaining items, shared among its remaining kills: a random share, at least one item.
            if (amountPhase !== phase) {
              amountPhase = phase;
              const remaining = job.progress.pending + job.progress.running;
              amount = Math.max(1, Math.round((remaining / (plan[phase]! + 1)) * (0.4 + 1.2 * random())));
            }
            if (job.progress.done - doneAtResume >= amount!) {
              killPhase = phase;
              break;
            }
          }
          // A bounded real delay: a life that cannot reach its kill point (a phase without kills left) runs on.
          if (Date.now() - resumedAt > 60_000) throw new Error(`no progress to kill at for 60 s: ${JSON.stringify(job)}`);
          // Each look is a request the gateway serves beside the job: not too often.
          await sleep(60 + random() * 90);
        }
      }
      if (finished.has(job.status)) break;

      await kill9(gateway!);
      kills++;
      if (early) earlyKills++;
      else if (killPhase && (plan[killPhase] ?? 0) > 0) plan[killPhase]!--;
      killsByPhase[killPhase ?? 'unknown'] = (killsByPhase[killPhase ?? 'unknown'] ?? 0) + 1;

      // Start again on the same store; what was running waits for credentials: at once on PGlite (one process owns
      // the store), on PostgreSQL once the killed replica's worker lease has run out (other replicas could be alive).
      await start();
      const readAfter = () =>
        ask<{ job: JobView & { items: { totalCount: number; edges: { node: ItemView }[] } } }>(
          `query ($id: ID!) { job(id: $id) { ${jobFields} items(status: RUNNING, first: 1000) { totalCount edges { node { target action phase status attempts deleteId } } } } }`,
          { id: jobId },
        );
      let after = await readAfter();
      for (const since = Date.now(); after.job.status === 'RUNNING' && Date.now() - since < 30_000; after = await readAfter()) await sleep(100);
      if (finished.has(after.job.status)) {
        // The kill landed after the job's last write.
        expect(after.job.status).toBe('COMPLETED');
        done = true;
        break;
      }
      expect(after.job.status, JSON.stringify(after.job)).toBe('WAITING_FOR_CREDENTIALS');
      reconciled += after.job.items.totalCount;
      reconciledWithDeleteId += after.job.items.edges.filter(({ node }) => node.deleteId !== null).length;
      await ask(`mutation ($id: ID!) { resumeJob(id: $id) { id } }`, { id: jobId });
      resumes++;
    }

    // No more kills: the last life runs the job to its end.
    let final = await readJob(jobId);
    const deadline = Date.now() + 180_000;
    while (!finished.has(final.status)) {
      if (Date.now() > deadline) throw new Error(`the job did not end within 180 s after the last kill: ${JSON.stringify(final)}`);
      await sleep(250);
      final = await readJob(jobId);
    }
    const jobMs = Date.now() - jobStarted;

    // The job: COMPLETED, every item done (none skipped: a target handled twice would find its room gone).
    const items = await allItems<ItemView>(ask, jobId, itemFields);
    const notDone = items.filter((item) => item.status !== 'DONE');
    const allWarnings = [...warnings, ...warningsOf(gateway!)];
    expect(final, `${JSON.stringify(final)}; items not done: ${JSON.stringify(notDone.slice(0, 10))}; ${allWarnings.length} gateway warnings, the first: ${allWarnings.slice(0, 5).join('\n')}`).toMatchObject({
      status: 'COMPLETED',
      error: null,
    });
    expect(final.progress).toMatchObject({ done: final.progress.total, pending: 0, running: 0, failed: 0, skipped: 0, cancelled: 0 });
    expect(items.length).toBe(final.progress.total);
    expect(notDone).toEqual([]);
    const roomTargets = items.filter((item) => item.action === 'DELETE_ROOM').map((item) => item.target);
    const userTargets = items.filter((item) => item.action === 'DEACTIVATE_USER').map((item) => item.target);

    // Synapse: exactly one accepted delete per room (two for a flaky room: the one that failed, the one that did
    // not), exactly one complete delete task per room, exactly one deactivation per user, nothing else touched.
    const stats = await sim.stats();
    const expectedRooms = kind === 'purge' ? seeded.emptyRoomIds : Object.values(seeded.userRoomIds).flat();
    expect(expectedRooms.length).toBe(kind === 'purge' ? 200 : 500);
    expect(new Set(roomTargets)).toEqual(new Set(expectedRooms));
    const deletesNotOnce = Object.entries(stats.deletesByRoom).filter(([roomId, count]) => count !== (flaky.has(roomId) ? 2 : 1));
    expect(deletesNotOnce, 'rooms deleted more (or less) than once').toEqual([]);
    expect(new Set(Object.keys(stats.deletesByRoom))).toEqual(new Set(expectedRooms));
    const tasks = await sim.tasks();
    const completeByRoom = new Map<string, number>();
    for (const task of tasks) if (task.status === 'complete') completeByRoom.set(task.roomId, (completeByRoom.get(task.roomId) ?? 0) + 1);
    expect(new Set(completeByRoom.keys())).toEqual(new Set(expectedRooms));
    expect([...completeByRoom].filter(([, count]) => count !== 1), 'rooms with more than one complete delete').toEqual([]);
    expect(new Set(tasks.filter((task) => task.status === 'failed').map((task) => task.roomId))).toEqual(flaky);
    expect(tasks.filter((task) => task.status === 'failed').length).toBe(flaky.size);
    if (kind === 'purge') {
      expect(stats.deactivationsByUser).toEqual({});
    } else {
      for (const userId of seeded.userIds) expect(userTargets).toContain(userId);
      const deactivationsNotOnce = Object.entries(stats.deactivationsByUser).filter(([, count]) => count !== 1);
      expect(deactivationsNotOnce, 'users deactivated more than once').toEqual([]);
      expect(new Set(Object.keys(stats.deactivationsByUser))).toEqual(new Set(userTargets));
    }

    // The audit log: one OK entry per target for its final action; the only other entries are attempts a kill cut
    // before they were sent (FAILED NOT_SENT); nothing PENDING.
    const audit = await allAuditEntries(ask, jobId);
    const itemEntries = audit.filter((entry) => entry.action === 'deleteRoom' || entry.action === 'deactivateUser');
    const okByTarget = new Map<string, number>();
    for (const entry of itemEntries) if (entry.outcome === 'OK') okByTarget.set(`${entry.action} ${entry.target}`, (okByTarget.get(`${entry.action} ${entry.target}`) ?? 0) + 1);
    const expectedOk = [...roomTargets.map((target) => `deleteRoom ${target}`), ...userTargets.map((target) => `deactivateUser ${target}`)];
    expect(new Set(okByTarget.keys())).toEqual(new Set(expectedOk));
    expect([...okByTarget].filter(([, count]) => count !== 1), 'targets with more than one OK audit entry').toEqual([]);
    const notSent = itemEntries.filter((entry) => entry.outcome === 'FAILED' && entry.errorCode === 'NOT_SENT');
    // A flaky room's failed delete: exactly one FAILED DELETE_FAILED entry each, whatever the kills did meanwhile.
    const deleteFailed = itemEntries.filter((entry) => entry.outcome === 'FAILED' && entry.errorCode === 'DELETE_FAILED');
    expect(deleteFailed.map((entry) => entry.target).sort()).toEqual([...flaky].sort());
    const others = itemEntries.filter((entry) => entry.outcome !== 'OK' && !notSent.includes(entry) && !deleteFailed.includes(entry));
    expect(others, 'audit entries neither OK, NOT_SENT nor a flaky room\'s DELETE_FAILED').toEqual([]);
    const reconciledDeactivations = itemEntries.filter((entry) => entry.outcome === 'OK' && entry.message?.startsWith('Reconciled')).length;
    // The job's own entries: one start, one resume per restart.
    expect(audit.filter((entry) => entry.action === 'startJob').length).toBe(1);
    expect(audit.filter((entry) => entry.action === 'resumeJob').length).toBe(resumes);
    console.info(
      `  [${options.store} ${kind}] ${notSent.length} NOT_SENT audit entries (attempts a kill cut before Synapse got them, sent again):` +
        notSent.map((entry) => `\n    #${entry.id} ${entry.action} ${entry.target}`).join(''),
    );

    // The first start (PGlite's initdb) is not a restart.
    const restarts = restartTimes.slice(1);
    const reopen = storeOpenTimes.slice(1);
    const meanOf = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));
    return {
      store: options.store,
      kind,
      kills,
      killsByPhase,
      earlyKills,
      restarts: restartTimes.length - 1,
      totalMs: Date.now() - runStarted,
      jobMs,
      restartMs: { mean: meanOf(restarts), max: Math.max(0, ...restarts) },
      storeReopenMs: { mean: meanOf(reopen), max: Math.max(0, ...reopen) },
      reconciled,
      reconciledWithDeleteId,
      notSent: notSent.length,
      reconciledDeactivations,
      items: items.length,
      flakyRooms: flaky.size,
      retried: items.filter((item) => item.attempts > 1).length,
    };
  } catch (error) {
    if (gateway) console.error(`gateway stderr (last life):\n${gateway.stderrTail()}\nlast log lines:\n${gateway.logs.slice(-20).map((line) => JSON.stringify(line)).join('\n')}`);
    throw error;
  } finally {
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) await stopProcess(gateway, 2000);
    if (sim) await stopProcess(sim, 2000);
  }
}

/** A gateway's warnings and errors, one short line each. */
function warningsOf(gateway: GatewayProcess): string[] {
  return gateway.logs
    .filter((line) => Number(line.level) >= 40)
    .map((line) => `${line.msg} ${JSON.stringify({ target: line.target, err: (line.err as { message?: string } | undefined)?.message })}`);
}

function report(figures: Figures): void {
  console.info(
    `  crash test [${figures.store}, ${figures.kind}]: ${figures.kills} kills (${figures.earlyKills} early; by phase ${JSON.stringify(figures.killsByPhase)}), ` +
      `${figures.restarts} restarts (spawn to 'store open' mean ${figures.restartMs.mean} ms, max ${figures.restartMs.max} ms; ` +
      `of which reopening the store mean ${figures.storeReopenMs.mean} ms, max ${figures.storeReopenMs.max} ms), ` +
      `${figures.reconciled} items reconciled after restarts (${figures.reconciledWithDeleteId} with a delete ID stored), ` +
      `${figures.notSent} NOT_SENT audit entries, ${figures.reconciledDeactivations} deactivations found done by reconciliation, ` +
      `${figures.items} items (${figures.flakyRooms} rooms failing their first delete, ${figures.retried} items with more than one attempt); job ${(figures.jobMs / 1000).toFixed(1)} s, run ${(figures.totalMs / 1000).toFixed(1)} s`,
  );
}

const runTimeout = 360_000;

afterAll(() => killAll());

describe('jobs survive kill -9 of the gateway (PGlite in a DATA_DIR kept across restarts)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-crash-'));
    dirs.push(dir);
    return dir;
  };

  it('a 200-room purge (one room in ten failing its first delete): every room deleted exactly once', { timeout: runTimeout }, async () => {
    const figures = await crashRun({ store: 'PGlite', kind: 'purge', storeEnv: { DATA_DIR: dataDir() }, seed: 1, flakyEvery: 10 });
    report(figures);
    expect(figures.kills).toBeGreaterThanOrEqual(8);
  });

  it('a 500-user decommission: every user deactivated and every room of theirs purged exactly once', { timeout: runTimeout }, async () => {
    const figures = await crashRun({ store: 'PGlite', kind: 'decommission', storeEnv: { DATA_DIR: dataDir() }, seed: 2 });
    report(figures);
    expect(figures.kills).toBeGreaterThanOrEqual(8);
  });
});

describe.skipIf(!postgresUrl)('jobs survive kill -9 of the gateway (PostgreSQL)', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  const database = async () => {
    const created = await freshPostgresDatabase();
    drops.push(created.drop);
    return created.url;
  };

  it('a 200-room purge (one room in ten failing its first delete): every room deleted exactly once', { timeout: runTimeout }, async () => {
    const figures = await crashRun({ store: 'PostgreSQL', kind: 'purge', storeEnv: { DATABASE_URL: await database() }, seed: 3, flakyEvery: 10 });
    report(figures);
    expect(figures.kills).toBeGreaterThanOrEqual(8);
  });

  it('a 500-user decommission: every user deactivated and every room of theirs purged exactly once', { timeout: runTimeout }, async () => {
    const figures = await crashRun({ store: 'PostgreSQL', kind: 'decommission', storeEnv: { DATABASE_URL: await database() }, seed: 4 });
    report(figures);
    expect(figures.kills).toBeGreaterThanOrEqual(8);
  });
});
