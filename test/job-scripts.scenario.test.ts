import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ManualClock } from '../simulator/clock.js';
import type { SynapseSimulator } from '../simulator/server.js';
import { RoomDeleteGuard } from '../src/delete-guard.js';
import { createJobServices, type JobServices } from '../src/jobs/job-services.js';
import { createGatewayServer, type GatewayServer } from '../src/server.js';
import type { LazyStore } from '../src/store/open-store.js';
import type { Timers } from '../src/timers.js';
import { confirm } from '../scripts/jobs/confirm.js';
import { graphql } from './gql/index.js';
import type { Fixture } from './support/fixture.js';
import { createTestGateway, type TestGateway } from './support/gateway.js';
import { testTuning } from './support/jobs.js';
import { startSimulator } from './support/simulator-driver.js';
import { testPgliteStore } from './support/stores.js';

const PlanPurge = graphql(`
  mutation JobScriptsPlanPurge($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id status } }
`);
const StartJob = graphql(`mutation JobScriptsStartJob($id: ID!) { startJob(id: $id) { id status } }`);
const CancelJob = graphql(`mutation JobScriptsCancelJob($id: ID!) { cancelJob(id: $id) { id status } }`);
const JobStatus = graphql(`query JobScriptsJobStatus($id: ID!) { job(id: $id) { id status progress { total done running } } }`);

/** Time for a job's background work, on the simulator's clock: one runner's timers, which a "crash" stops for good. */
function runnerTimers(clock: ManualClock): Timers & { kill(): void } {
  let dead = false;
  const pending = new Set<() => void>();
  return {
    now: () => clock.now(),
    schedule: (ms, callback) => {
      if (dead) return () => undefined;
      const cancel = clock.schedule(ms, () => {
        pending.delete(cancel);
        callback();
      });
      pending.add(cancel);
      return () => {
        pending.delete(cancel);
        cancel();
      };
    },
    kill: () => {
      dead = true;
      for (const cancel of pending) cancel();
      pending.clear();
    },
  };
}

/** One run of the gateway: its own job runner (tokens in memory), on a real port, over the shared store. */
interface GatewayGeneration {
  services: JobServices;
  timers: ReturnType<typeof runnerTimers>;
  gateway: TestGateway;
  server: GatewayServer;
  http: string;
}

interface Setup {
  sim: SynapseSimulator;
  clock: ManualClock;
  fixture: Fixture;
  store: LazyStore;
  current: GatewayGeneration;
  /** Moves the simulator's clock (and the runner's) whenever the runner waits, until stopped. */
  tick(): void;
  stopTicking(): Promise<void>;
  /** The gateway process "dies" (its timers never fire again, its sockets close) and a new one starts on its port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let setup: Setup | undefined;
/** Scripts still running when a test ends (it failed): killed, not left retrying against a closed gateway. */
const children = new Set<ChildProcess>();
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  await setup?.close();
  setup = undefined;
});

async function start(): Promise<Setup> {
  const { sim, clock, fixture, url } = await startSimulator();
  const store = testPgliteStore();
  const generation = async (port: number): Promise<GatewayGeneration> => {
    const timers = runnerTimers(clock);
    const deleteGuard = new RoomDeleteGuard();
    const services = createJobServices({ store, deleteGuard, timers, tuning: { ...testTuning, pageSize: 50 } });
    // What the gateway's start does: jobs that were running wait for an admin.
    await services.runner.recover();
    const gateway = createTestGateway(url, fixture.admin.token, {}, { deleteGuard, jobs: services });
    await gateway.warmAdminCheck();
    const server = createGatewayServer(gateway.yoga);
    const http = await server.listen(port, '127.0.0.1');
    return { services, timers, gateway, server, http };
  };
  let ticking: Promise<void> | undefined;
  let stopped = true;
  const result: Setup = {
    sim,
    clock,
    fixture,
    store,
    current: await generation(0),
    tick: () => {
      if (!stopped) return;
      stopped = false;
      ticking = (async () => {
        while (!stopped) {
          await result.current.services.runner.settled();
          clock.advance(50);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
    },
    stopTicking: async () => {
      stopped = true;
      await ticking;
    },
    restart: async () => {
      const old = result.current;
      old.timers.kill();
      await old.server.close(1000);
      await old.gateway.close();
      result.current = await generation(Number(new URL(old.http).port));
    },
    close: async () => {
      stopped = true;
      await ticking;
      result.current.timers.kill();
      await result.current.server.close(1000);
      await result.current.gateway.close();
      await store.close();
      await sim.close();
    },
  };
  return result;
}

interface ScriptRun {
  stdout: string;
  stderr: string;
  /** stdout's JSON lines, as they come. */
  events: { event: string; job?: { id: string; status: string; phase: string | null; progress: Record<string, number> }; [key: string]: unknown }[];
  exited: boolean;
  code: Promise<number | null>;
}

/** A job script as an admin runs it: its own process, no terminal, against the gateway on its real port. */
function runScript(script: 'purge-empty-rooms' | 'decommission', args: string[], options: { token?: string; url?: string } = {}): ScriptRun {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/jobs/${script}.ts`, ...args], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, GATEWAY_URL: options.url ?? setup!.current.http, TOKEN: options.token ?? setup!.fixture.admin.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: ScriptRun = { stdout: '', stderr: '', events: [], exited: false, code: undefined as never };
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    run.stdout += chunk;
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('{')) run.events.push(JSON.parse(line));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk));
  children.add(child);
  run.code = new Promise((resolve) =>
    child.once('close', (code) => {
      children.delete(child);
      run.exited = true;
      resolve(code);
    }),
  );
  return run;
}

const exitOf = (run: ScriptRun) => run.code;

const until = (condition: () => boolean, what: string) =>
  vi.waitFor(
    () => {
      if (!condition()) throw new Error(`still waiting until ${what}`);
    },
    { timeout: 60_000, interval: 5 },
  );

const eventsOf = (run: ScriptRun, event: string) => run.events.filter((e) => e.event === event);

describe('job scripts [simulator]', () => {
  it('purge-empty-rooms --yes --json: plans, starts, follows to COMPLETED, deletes each empty room once; a finished job is summed up with --job', { timeout: 120_000 }, async () => {
    setup = await start();
    const { sim, fixture } = setup;
    const { emptyRoomIds } = sim.hs.seed({ emptyRooms: 7, prefix: 'scripted' });
    setup.tick();
    const run = runScript('purge-empty-rooms', ['--yes', '--json', '--exclude', fixture.rooms.empty, '--concurrency', '3']);
    const code = await exitOf(run);
    expect(code, run.stderr).toBe(0);

    const [plan, ...rest] = run.events;
    expect(plan).toMatchObject({ event: 'plan', job: { kind: 'PURGE_EMPTY_ROOMS', status: 'PLANNED', dryRun: true, progress: { total: 7 } } });
    expect(new Set((plan!.items as { target: string }[]).map((item) => item.target))).toEqual(new Set(emptyRoomIds));
    expect((plan!.items as { review: { name: string } }[])[0]!.review.name).toMatch(/^scripted empty/);
    const progress = rest.filter((e) => e.event === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.job!.id === plan!.job!.id)).toBe(true);
    const final = rest.at(-1)!;
    expect(final).toMatchObject({ event: 'final', exitCode: 0, failedItems: [], job: { status: 'COMPLETED', progress: { total: 7, done: 7, failed: 0 } } });
    expect(rest.slice(0, -1).every((e) => e.event === 'progress')).toBe(true);

    for (const roomId of emptyRoomIds) {
      expect(sim.deletesByRoom.get(roomId)).toBe(1);
      expect(sim.hs.rooms.has(roomId)).toBe(false);
    }
    // Excluded: never touched.
    expect(sim.deletesByRoom.has(fixture.rooms.empty)).toBe(false);
    expect(sim.hs.rooms.has(fixture.rooms.empty)).toBe(true);
    expect(sim.deletesByRoom.size).toBe(7);

    // A finished job: its summary, and the exit code of its outcome; nothing is sent again.
    const again = runScript('purge-empty-rooms', ['--job', plan!.job!.id]);
    expect(await exitOf(again), again.stderr).toBe(0);
    expect(again.stdout).toContain(`Job ${plan!.job!.id} COMPLETED`);
    expect(again.stdout).toContain('7 done, 0 skipped, 0 failed of 7.');
    expect(sim.deletesByRoom.size).toBe(7);
  });

  it('without a terminal and without --yes: prints the plan and how to run it, exits 0, deletes nothing; --job ID --yes then runs that plan', { timeout: 120_000 }, async () => {
    setup = await start();
    const { sim, fixture } = setup;
    const { emptyRoomIds } = sim.hs.seed({ emptyRooms: 3, prefix: 'reviewed' });
    setup.tick();
    const run = runScript('purge-empty-rooms', ['--block']);
    expect(await exitOf(run), run.stderr).toBe(0);
    for (const roomId of [...emptyRoomIds, fixture.rooms.empty]) expect(run.stdout).toContain(roomId);
    expect(run.stdout).toMatch(/^room +name +alias +members +creator$/m);
    expect(run.stdout).toContain('reviewed empty 0000');
    expect(run.stdout).toContain('Abandoned');
    expect(run.stdout).toContain('Total: 4 rooms to delete.');
    expect(run.stdout).toContain('Options: block yes, purge yes, force purge no, 3 at once.');
    const jobId = /--job (job_\S+) --yes/.exec(run.stderr)?.[1];
    expect(run.stderr).toContain('Not started: there is no terminal to confirm on, and no --yes');
    expect(jobId).toBeDefined();
    expect(sim.deletesByRoom.size).toBe(0);
    expect((await setup.current.gateway.execute(JobStatus, { id: jobId! })).data!.job).toMatchObject({ status: 'PLANNED', progress: { total: 4, done: 0 } });

    const started = runScript('purge-empty-rooms', ['--job', jobId!, '--yes']);
    expect(await exitOf(started), started.stderr).toBe(0);
    expect(started.stdout).toContain('Total: 4 rooms to delete.');
    expect(started.stdout).toContain(`Job ${jobId} COMPLETED`);
    for (const roomId of [...emptyRoomIds, fixture.rooms.empty]) {
      expect(sim.deletesByRoom.get(roomId)).toBe(1);
      expect(sim.hs.blocked.has(roomId)).toBe(true);
    }
  });

  it('decommission --yes --json: deactivates every active local user but admins, the caller and --keep, then purges the rooms that leaves empty', { timeout: 120_000 }, async () => {
    setup = await start();
    const { sim, fixture } = setup;
    const { bob, admin } = fixture;
    const ops = fixture.users.ops.userId;
    const expected = [...sim.hs.users.values()]
      .filter((user) => !user.admin && !user.deactivated && user.userId !== bob.userId && user.userId.endsWith(`:${fixture.serverName}`))
      .map((user) => user.userId);
    expect(expected).toContain(fixture.users.guest.userId);
    expect(expected).toContain(fixture.users.locked.userId);
    setup.tick();

    // Reviewed first, as an operator would: the admins it leaves are named with a warning.
    const review = runScript('decommission', ['--keep', bob.userId]);
    expect(await exitOf(review), review.stderr).toBe(0);
    expect(review.stdout).toMatch(/^user +display name +guest +locked +rooms$/m);
    expect(review.stdout).toContain(`Total: ${expected.length} users to deactivate and erase (1 guest, 1 locked)`);
    expect(review.stdout).toContain(`Warning: 1 admin will NOT be deactivated: ${ops}.`);
    expect(review.stdout).toContain(`… and ${expected.length - 50} more (all of them with --json)`);
    expect(sim.deactivationsByUser.size).toBe(0);

    const run = runScript('decommission', ['--yes', '--json', '--keep', bob.userId, '--concurrency', '8']);
    expect(await exitOf(run), run.stderr).toBe(0);
    const [plan] = run.events;
    expect(plan).toMatchObject({ event: 'plan', job: { kind: 'DECOMMISSION', status: 'PLANNED', adminsToHandle: [{ userId: ops }] } });
    expect(new Set((plan!.items as { target: string }[]).map((item) => item.target))).toEqual(new Set(expected));
    const final = run.events.at(-1)!;
    expect(final).toMatchObject({ event: 'final', exitCode: 0, job: { status: 'COMPLETED', phase: 'PURGE_ROOMS' } });
    // The phases showed in the snapshots.
    const phases = new Set(eventsOf(run, 'progress').map((e) => e.job!.phase));
    expect(phases).toContain('PURGE_ROOMS');

    for (const userId of expected) {
      expect(sim.hs.users.get(userId)!.deactivated, userId).toBe(true);
      expect(sim.deactivationsByUser.get(userId), userId).toBe(1);
    }
    for (const userId of [bob.userId, admin.userId, ops]) {
      expect(sim.hs.users.get(userId)!.deactivated).toBe(false);
      expect(sim.deactivationsByUser.has(userId)).toBe(false);
    }
    // Carol's room lost its last local members (Carol, Alice): deleted once. Bob is still in the secret room.
    expect(sim.deletesByRoom.get(fixture.users.carol.room)).toBe(1);
    expect(sim.hs.rooms.has(fixture.users.carol.room)).toBe(false);
    expect(sim.hs.rooms.has(fixture.rooms.secret)).toBe(true);
    expect(sim.hs.rooms.has(fixture.rooms.general)).toBe(true);
    // Empty before the job: purge-empty-rooms' work, not this one's.
    expect(sim.hs.rooms.has(fixture.rooms.empty)).toBe(true);
  });

  it('--job ID reattaches to a running job and follows it to its end; a cancelled one exits 4', { timeout: 120_000 }, async () => {
    setup = await start();
    const { sim, fixture } = setup;
    const { gateway } = setup.current;
    const { emptyRoomIds } = sim.hs.seed({ emptyRooms: 4, prefix: 'attached' });
    const planned = await gateway.execute(PlanPurge, { options: { exclude: [fixture.rooms.empty], concurrency: 1 } });
    const jobId = planned.data!.planPurgeEmptyRooms.id;
    expect((await gateway.execute(StartJob, { id: jobId })).data!.startJob.status).toBe('RUNNING');
    // Time stands still: the first delete is under way until the script is following.
    await until(() => sim.deletesByRoom.size === 1, 'the first delete reached Synapse');

    const run = runScript('purge-empty-rooms', ['--job', jobId, '--json']);
    await until(() => run.exited || eventsOf(run, 'progress').length > 0, 'the script follows');
    expect(eventsOf(run, 'plan')).toEqual([]);
    expect(eventsOf(run, 'progress')[0]!.job).toMatchObject({ id: jobId, status: 'RUNNING', progress: { done: 0, running: 1 } });
    setup.tick();
    expect(await exitOf(run), run.stderr).toBe(0);
    expect(run.events.at(-1)).toMatchObject({ event: 'final', exitCode: 0, job: { id: jobId, status: 'COMPLETED', progress: { done: 4 } } });
    for (const roomId of emptyRoomIds) expect(sim.deletesByRoom.get(roomId)).toBe(1);

    // Time stands still again: the second job's first delete stays under way while it is cancelled.
    await setup.stopTicking();
    const { emptyRoomIds: more } = sim.hs.seed({ emptyRooms: 3, prefix: 'cancelled' });
    const second = (await gateway.execute(PlanPurge, { options: { exclude: [fixture.rooms.empty], concurrency: 1 } })).data!.planPurgeEmptyRooms.id;
    await gateway.execute(StartJob, { id: second });
    await until(() => more.some((roomId) => sim.deletesByRoom.has(roomId)), 'the first delete reached Synapse');
    const follower = runScript('purge-empty-rooms', ['--job', second]);
    await until(() => follower.exited || /following job/.test(follower.stderr), 'the script follows');
    expect((await gateway.execute(CancelJob, { id: second })).data!.cancelJob.status).toBe('CANCELLED');
    expect(await exitOf(follower), follower.stderr).toBe(4);
    expect(follower.stdout).toMatch(new RegExp(`Job ${second} CANCELLED( in \\S+)?: 0 done, 0 skipped, 0 failed, 2 cancelled \\(never started\\) of 3\\.`));
    expect(more.filter((roomId) => sim.deletesByRoom.has(roomId))).toHaveLength(1);
  });

  it('follows a job across a restart of the gateway: reconnects, resumes the job waiting for credentials with its TOKEN, deletes each room once', { timeout: 120_000 }, async () => {
    setup = await start();
    const { sim, fixture } = setup;
    const { emptyRoomIds } = sim.hs.seed({ emptyRooms: 5, prefix: 'restarted' });
    const run = runScript('purge-empty-rooms', ['--yes', '--json', '--concurrency', '1', '--exclude', fixture.rooms.empty]);
    // Time stands still: one delete is under way at Synapse, its ID in the store, when the gateway goes.
    const jobId = () => run.events[0]?.job?.id;
    await until(() => run.exited || (eventsOf(run, 'progress').length > 0 && sim.deletesByRoom.size === 1), 'the first delete is under way and followed');
    expect(run.exited, run.stderr).toBe(false);
    const { services } = setup.current;
    await vi.waitFor(async () => expect((await services.jobs.items(jobId()!, 'RUNNING', 0, 10)).items.map((item) => item.deleteId)).toEqual([expect.any(String)]), {
      timeout: 60_000,
      interval: 5,
    });

    await setup.restart();
    expect((await setup.current.gateway.execute(JobStatus, { id: jobId()! })).data!.job!.status).toBe('WAITING_FOR_CREDENTIALS');
    setup.tick();
    expect(await exitOf(run), run.stderr).toBe(0);
    expect(run.stderr).toContain('lost the connection to the gateway (1001');
    expect(run.stderr).toContain('reconnected to the gateway');
    expect(run.stderr).toContain(`job ${jobId()} waits for credentials`);
    expect(run.stderr).toContain('resuming it with TOKEN');
    expect(eventsOf(run, 'progress').some((e) => e.job!.status === 'WAITING_FOR_CREDENTIALS')).toBe(true);
    expect(run.events.at(-1)).toMatchObject({ event: 'final', exitCode: 0, job: { status: 'COMPLETED', progress: { done: 5, failed: 0 } } });
    for (const roomId of emptyRoomIds) {
      expect(sim.deletesByRoom.get(roomId)).toBe(1);
      expect(sim.hs.rooms.has(roomId)).toBe(false);
    }
  });

  it('exits 1 when items failed, listing them with their errors', { timeout: 120_000 }, async () => {
    setup = await start();
    const { sim, fixture } = setup;
    const { emptyRoomIds } = sim.hs.seed({ emptyRooms: 2, prefix: 'doomed' });
    const [failing] = emptyRoomIds;
    sim.deletes.failures.set(failing!, 'Simulated failure while purging the room');
    sim.deletes.failureTimes.set(failing!, Infinity);
    setup.tick();
    const run = runScript('purge-empty-rooms', ['--yes', '--exclude', fixture.rooms.empty]);
    expect(await exitOf(run), run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Job job_\S+ FAILED( in \S+)?: 1 done, 0 skipped, 1 failed of 2\./);
    expect(run.stdout).toContain(`Failed:\n  ${failing}: Simulated failure while purging the room (3 attempts)`);
    expect(sim.deletesByRoom.get(failing!)).toBe(3);
  });

  it('exits 2 on usage errors and 3 when the gateway refuses the token or cannot be reached', { timeout: 120_000 }, async () => {
    setup = await start();
    const { sim, fixture } = setup;
    const usage = await Promise.all(
      [
        runScript('purge-empty-rooms', ['--bogus']),
        runScript('purge-empty-rooms', ['stray-positional']),
        runScript('decommission', ['--concurrency', 'many']),
        runScript('decommission', ['--job', 'job_abc', '--keep', fixture.bob.userId]),
        runScript('purge-empty-rooms', ['--no-purge', '--force-purge']),
        // Checked by the gateway: concurrency 1–5, a real room ID, an existing job.
        runScript('purge-empty-rooms', ['--concurrency', '9', '--yes']),
        runScript('purge-empty-rooms', ['--exclude', 'not-a-room', '--yes']),
        runScript('purge-empty-rooms', ['--job', 'job_nosuchjob']),
      ].map(async (run) => ({ code: await exitOf(run), stderr: run.stderr })),
    );
    for (const { code, stderr } of usage) expect(code, stderr).toBe(2);
    expect(usage[0]!.stderr).toContain("Unknown option '--bogus'");
    expect(usage[2]!.stderr).toContain('--concurrency takes a positive integer');
    expect(usage[3]!.stderr).toContain('--job takes an existing job');
    expect(usage[5]!.stderr).toContain('BAD_USER_INPUT');
    expect(usage[7]!.stderr).toContain('there is no job job_nosuchjob');

    const decommissionJob = runScript('decommission', ['--job', 'job_nosuchjob', '--json']);
    expect(await exitOf(decommissionJob)).toBe(2);
    expect(JSON.parse(decommissionJob.stdout.trim())).toMatchObject({ event: 'error', exitCode: 2 });

    const help = runScript('decommission', ['--help']);
    expect(await exitOf(help)).toBe(0);
    expect(help.stdout).toContain('--delete-concurrency N');
    expect(help.stdout).toContain('Exit codes:');

    const notAdmin = runScript('purge-empty-rooms', ['--yes'], { token: fixture.alice.token });
    expect(await exitOf(notAdmin)).toBe(3);
    expect(notAdmin.stderr).toContain('FORBIDDEN');
    const unknownToken = runScript('purge-empty-rooms', ['--yes', '--json'], { token: 'syt_bm9ib2R5_unknown_token' });
    expect(await exitOf(unknownToken)).toBe(3);
    expect(JSON.parse(unknownToken.stdout.trim())).toMatchObject({ event: 'error', exitCode: 3 });
    const unreachable = runScript('purge-empty-rooms', ['--yes'], { url: 'http://127.0.0.1:9/graphql' });
    expect(await exitOf(unreachable)).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach the gateway');
    expect(sim.deletesByRoom.size).toBe(0);
  });
});

describe('confirmation prompt', () => {
  const terminal = () => Object.assign(new PassThrough(), { isTTY: true });

  it('starts only on "yes"; anything else, or the end of input, declines; without a terminal nobody is asked', async () => {
    for (const [typed, expected] of [
      ['yes\n', 'yes'],
      ['YES \n', 'yes'],
      ['y\n', 'no'],
      ['\n', 'no'],
    ] as const) {
      const input = terminal();
      const answer = confirm('Delete these 3 rooms?', input, new PassThrough());
      input.write(typed);
      expect(await answer).toBe(expected);
    }
    const closed = terminal();
    const answer = confirm('Delete these 3 rooms?', closed, new PassThrough());
    closed.end();
    expect(await answer).toBe('no');
    expect(await confirm('Delete these 3 rooms?', new PassThrough(), new PassThrough())).toBe('no terminal');
  });
});
