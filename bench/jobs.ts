// Durable bulk jobs (planPurgeEmptyRooms, planDecommission, startJob) against the seeds' shell loops, each arm on a
// fresh simulator process seeded alike. Every arm's writes are checked on the simulator's own counters
// (/_simulator/stats: deletes per room, deactivations per user): a fast arm that skipped or repeated work fails.
import { request } from 'undici';
import type { Harness, Sim } from './harness.js';

const finished = ['COMPLETED', 'FAILED', 'CANCELLED'];

interface JobView {
  id: string;
  status: string;
  phase: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  progress: { total: number; pending: number; running: number; done: number; failed: number; skipped: number };
}
const jobFields = 'id status phase createdAt startedAt finishedAt error progress { total pending running done failed skipped }';

async function rest(sim: Sim, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await request(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.body.json()) as Record<string, unknown>;
  if (response.statusCode !== 200) throw new Error(`${method} ${path}: ${response.statusCode} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** Reads the job every `everyMs` until `until` accepts it (or it ends); the last view. */
async function watchJob(h: Harness, url: string, token: string, id: string, until: (job: JobView) => boolean, everyMs: number, timeoutMs: number): Promise<JobView & { seenAt: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = (await h.graphqlRequest(url, token, `query ($id: ID!) { job(id: $id) { ${jobFields} } }`, { id })) as { job: JobView };
    const seenAt = Date.now();
    if (until(job) || finished.includes(job.status)) return { ...job, seenAt };
    if (seenAt > deadline) throw new Error(`job ${id} still ${job.status} ${job.phase} after ${timeoutMs} ms: ${JSON.stringify(job.progress)}`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

/** Counts from the simulator: how many of `targets` were written exactly once, never, or more; writes to anything else. */
function exactlyOnce(counts: Record<string, number>, targets: readonly string[]) {
  const wanted = new Set(targets);
  let once = 0;
  let never = 0;
  let repeated = 0;
  for (const target of targets) {
    const count = counts[target] ?? 0;
    if (count === 1) once++;
    else if (count === 0) never++;
    else repeated++;
  }
  const strays = Object.keys(counts).filter((key) => !wanted.has(key)).length;
  return { once, never, repeated, strays };
}

const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function purgeJob(h: Harness): Promise<void> {
  const n = h.smoke ? 10 : 200;
  const occupiedRooms = h.smoke ? 3 : 20;
  const latencyMs = 2;
  // An empty room's delete: no kicks, no new room; Synapse's scheduler runs 5 at once.
  const timings = { launchDelayMs: 5, newRoomMs: 0, kickMsPerUser: 0, purgeMs: 150, relaunchDelayMs: 100 };
  const slots = 5;
  // Deletes are shrunk to 155 ms to keep the part short; the status polls shrink with them (1 s by default, for
  // deletes of real rooms that take seconds to minutes).
  const pollMs = 100;
  h.log(`jobs.purge: purging ${n} empty rooms (and ${occupiedRooms} occupied ones left alone): a purge job vs the seed's loop (${timings.launchDelayMs + timings.purgeMs} ms per delete, ${slots} task slots, ${latencyMs} ms upstream latency)`);

  const seeded = async () => {
    const sim = await h.startSim({ latencyMs, rooms: occupiedRooms, emptyRooms: 0, deleteTimings: timings });
    const seed = (await h.control(sim.url, 'seed', { emptyRooms: n, prefix: 'purge' })) as { emptyRoomIds: string[] };
    await h.control(sim.url, 'reset', {});
    return { sim, emptyRoomIds: seed.emptyRoomIds };
  };
  const check = async (sim: Sim, emptyRoomIds: string[]) => {
    const stats = await h.control(sim.url, 'stats');
    return { ...exactlyOnce(stats.deletesByRoom as Record<string, number>, emptyRoomIds), roomsLeft: Number(stats.rooms), calls: stats.calls as Record<string, number> };
  };

  // The seed (shared/seeds/purging-empty-rooms.txt), exactly: one list call (`?limit=300`), the rooms with
  // joined_local_members == 0, then `curl -X DELETE -d '{"purge": true}' …/v1/rooms/$room` one after another. The v1
  // DELETE answers once the room is purged, so the loop is serial by construction; it takes no task slot.
  const seedArm = await seeded();
  const seedStart = performance.now();
  const list = (await rest(seedArm.sim, 'GET', '/_synapse/admin/v1/rooms?limit=300')) as { rooms: { room_id: string; joined_local_members: number }[]; total_rooms: number };
  if (list.total_rooms > 300) throw new Error('the seed lists one page of 300 rooms: seed fewer');
  const toDelete = list.rooms.filter((room) => room.joined_local_members === 0).map((room) => room.room_id);
  for (const roomId of toDelete) await rest(seedArm.sim, 'DELETE', `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}`, { purge: true });
  const seedMs = performance.now() - seedStart;
  const seedCheck = await check(seedArm.sim, seedArm.emptyRoomIds);
  await h.stop(seedArm.sim.child);
  h.log(`   seed loop: ${(seedMs / 1000).toFixed(2)} s for ${toDelete.length} rooms (${(seedMs / toDelete.length).toFixed(0)} ms each)`);

  // The job: plan (every page of the room list, each room's review), start, until COMPLETED; the end is the job's own
  // finishedAt (the store's clock, this machine's), not when a poll of ours saw it.
  const jobArm = async (concurrency: number) => {
    const { sim, emptyRoomIds } = await seeded();
    try {
      const gateway = await h.startGateway(sim.url, { DELETE_POLL_INTERVAL_MS: String(pollMs) });
      try {
        const cpuBefore = h.cpuSeconds(gateway.pid);
        const started = Date.now();
        const planned = (await h.graphqlRequest(gateway.url, sim.token, 'mutation ($c: Int!) { planPurgeEmptyRooms(options: { concurrency: $c }) { id progress { total } } }', { c: concurrency })) as {
          planPurgeEmptyRooms: { id: string; progress: { total: number } };
        };
        const planMs = Date.now() - started;
        const { id } = planned.planPurgeEmptyRooms;
        await h.graphqlRequest(gateway.url, sim.token, 'mutation ($id: ID!) { startJob(id: $id) { status } }', { id });
        const job = await watchJob(h, gateway.url, sim.token, id, () => false, 100, 300_000);
        const wallMs = Date.parse(job.finishedAt!) - started;
        const runMs = Date.parse(job.finishedAt!) - Date.parse(job.startedAt!);
        const cpuMs = (h.cpuSeconds(gateway.pid) - cpuBefore) * 1000;
        const tasks = (await h.control(sim.url, 'tasks')).tasks as { id: string; history: { at: number; status: string }[] }[];
        const at = (task: (typeof tasks)[number], status: string) => task.history.find((entry) => entry.status === status)?.at ?? Number.NaN;
        // How long each delete took in Synapse (scheduled to complete), and how full the 5 slots were over the run.
        const perDeleteMs = tasks.reduce((total, task) => total + at(task, 'complete') - at(task, 'scheduled'), 0) / tasks.length;
        const busySlotMs = tasks.reduce((total, task) => total + at(task, 'complete') - at(task, 'active'), 0);
        // Where an item's time goes: from its claim to its DELETE reaching Synapse (the room's checks and recovery
        // facts, the audit entry), Synapse's delete, and from the delete's end to the item's (the status poll, the write).
        const { job: withItems } = (await h.graphqlRequest(gateway.url, sim.token, 'query ($id: ID!) { job(id: $id) { items(first: 1000) { edges { node { deleteId startedAt finishedAt } } } } }', { id })) as {
          job: { items: { edges: { node: { deleteId: string; startedAt: string; finishedAt: string } }[] } };
        };
        const byId = new Map(tasks.map((task) => [task.id, task]));
        const phases = { claimToDeleteMs: 0, deleteMs: 0, deleteEndToItemEndMs: 0 };
        for (const { node } of withItems.items.edges) {
          const task = byId.get(node.deleteId)!;
          phases.claimToDeleteMs += (at(task, 'scheduled') - Date.parse(node.startedAt)) / n;
          phases.deleteMs += (at(task, 'complete') - at(task, 'scheduled')) / n;
          phases.deleteEndToItemEndMs += (Date.parse(node.finishedAt) - at(task, 'complete')) / n;
        }
        const checked = await check(sim, emptyRoomIds);
        const figures = {
          concurrency,
          status: job.status,
          progress: job.progress,
          planMs,
          runMs,
          wallMs,
          perDeleteMs,
          slotUtilization: busySlotMs / (slots * runMs),
          cpuPerRoomMs: cpuMs / n,
          perItem: phases,
          deleteStatusPolls: checked.calls['GET delete_status'] ?? 0,
          upstreamCallsPerRoom: sumOf(Object.fromEntries(Object.entries(checked.calls).filter(([route]) => !route.includes('simulator/')))) / n,
          ...checked,
        };
        h.log(`   job, concurrency ${concurrency}: ${(wallMs / 1000).toFixed(2)} s (plan ${(planMs / 1000).toFixed(2)} s, run ${(runMs / 1000).toFixed(2)} s), ${job.status} ${JSON.stringify(job.progress)}, ${perDeleteMs.toFixed(0)} ms per delete in Synapse, slots ${(figures.slotUtilization * 100).toFixed(0)}% busy; per item ${phases.claimToDeleteMs.toFixed(0)} ms claim to DELETE + ${phases.deleteMs.toFixed(0)} ms delete + ${phases.deleteEndToItemEndMs.toFixed(0)} ms to its end; ${figures.cpuPerRoomMs.toFixed(1)} ms gateway CPU per room`);
        return figures;
      } finally {
        await h.stop(gateway.child);
      }
    } finally {
      await h.stop(sim.child);
    }
  };
  const five = await jobArm(5);
  const three = await jobArm(3);

  const perDeleteMs = timings.launchDelayMs + timings.purgeMs;
  const ceilingMs = Math.ceil(n / slots) * perDeleteMs;
  h.raw.jobsPurge = { rooms: n, occupiedRooms, latencyMs, timings, pollMs, seedLoop: { ms: seedMs, deleted: toDelete.length, ...seedCheck }, ceilingMs, job5: five, job3: three };
  h.log(`   ceiling: ceil(${n}/${slots}) x ${perDeleteMs} ms = ${(ceilingMs / 1000).toFixed(2)} s; ceiling/job ${(ceilingMs / five.wallMs).toFixed(2)} (whole job), ${(ceilingMs / five.runMs).toFixed(2)} (from startJob)`);
  const speedup = seedMs / five.wallMs;
  h.record('jobs.purge.speedup', speedup, 'x seed loop', '>= 3x (concurrency 5, plan included)', speedup >= 3);
  const speedup3 = seedMs / three.wallMs;
  h.record('jobs.purge.speedup_default_concurrency', speedup3, 'x seed loop', '>= 2x (concurrency 3: at most 3 deletes at once)', speedup3 >= 2);
  const ceilingRatio = ceilingMs / five.wallMs;
  h.record('jobs.purge.ceiling_ratio', ceilingRatio, 'x', '>= 0.7 (ceil(n/5) x per-delete time / job time, plan included)', ceilingRatio >= 0.7);
  const wrong = [seedCheck, five, three].reduce((total, arm) => total + arm.never + arm.repeated + arm.strays, 0);
  const completed = five.status === 'COMPLETED' && three.status === 'COMPLETED' && five.progress.done === n && three.progress.done === n;
  h.record('jobs.purge.rooms_not_deleted_exactly_once', wrong, 'rooms', '== 0 (every arm; stats.deletesByRoom)', wrong === 0 && completed);
  if (wrong > 0 || !completed) throw new Error(`purge: rooms not deleted exactly once: ${JSON.stringify(h.raw.jobsPurge)}`);
}

export async function decommissionJob(h: Harness): Promise<void> {
  const users = h.smoke ? 50 : 2000;
  const latencyMs = 2;
  // What a deactivation costs Synapse beyond a read's latency: it deletes devices, tokens and pushers, unbinds 3PIDs
  // from identity servers, rejects invites and erases the profile. 20 ms is little for a real server (the seed calls
  // the loop "a looong time"); at a read's 2 ms the job's own bookkeeping (its store writes, see cpuPerUserMs) is what
  // bounds it instead.
  const deactivateMs = 20;
  const pollMs = 100;
  h.log(`jobs.decommission: deactivating ${users} users (one room each): a decommission job vs the seed's xargs loop (${latencyMs} ms upstream latency, deactivation ${latencyMs + deactivateMs} ms)`);

  const seeded = async (extraDelay = true) => {
    const sim = await h.startSim({ latencyMs, rooms: 0, emptyRooms: 0, routeDelayMs: extraDelay ? { 'POST /_synapse/admin/v1/deactivate/': deactivateMs } : {} });
    await h.control(sim.url, 'config', { partIntervalMs: 1 });
    const seed = (await h.control(sim.url, 'seed', { users, roomsPerUser: 1, prefix: 'dec' })) as { userIds: string[] };
    await h.control(sim.url, 'reset', {});
    // Every local user but the admin: the seeded ones and sim-process's three members.
    return { sim, targets: [...seed.userIds, ...sim.memberIds] };
  };
  const check = async (sim: Sim, targets: string[]) => {
    const stats = await h.control(sim.url, 'stats');
    return exactlyOnce(stats.deactivationsByUser as Record<string, number>, targets);
  };

  // The seed (shared/seeds/decommissioning-a-server.txt): one list call with limit=1000000, `jq '.users[] | .name'`,
  // then `xargs -I % curl -X POST -d '{ "erase": true }' …/v1/deactivate/%`: one at a time. Admins are left out: the
  // seed leaves them to the operator, and the token's own account must outlive the loop.
  const seedArm = await seeded();
  const seedStart = performance.now();
  const everyone = (await rest(seedArm.sim, 'GET', '/_synapse/admin/v2/users?limit=1000000')) as { users: { name: string; admin: boolean }[] };
  const names = everyone.users.filter((user) => !user.admin).map((user) => user.name);
  for (const name of names) await rest(seedArm.sim, 'POST', `/_synapse/admin/v1/deactivate/${encodeURIComponent(name)}`, { erase: true });
  const seedMs = performance.now() - seedStart;
  const seedCheck = await check(seedArm.sim, seedArm.targets);
  await h.stop(seedArm.sim.child);
  h.log(`   seed loop: ${(seedMs / 1000).toFixed(2)} s for ${names.length} users (${(seedMs / names.length).toFixed(2)} ms each), ${JSON.stringify(seedCheck)}`);

  // The trap the plan's frozen targets avoid: pages of 100 read while deactivating (deactivated users leave the list,
  // so every next page starts 100 users too far). Informative: how many it leaves active (its time is not compared,
  // and its deactivations cost only the read latency).
  const pagingArm = await seeded(false);
  const pagingStart = performance.now();
  let pages = 0;
  for (let from = 0; ; ) {
    const page = (await rest(pagingArm.sim, 'GET', `/_synapse/admin/v2/users?from=${from}&limit=100`)) as { users: { name: string; admin: boolean }[]; next_token?: string };
    pages++;
    for (const user of page.users.filter((u) => !u.admin)) await rest(pagingArm.sim, 'POST', `/_synapse/admin/v1/deactivate/${encodeURIComponent(user.name)}`, { erase: true });
    if (!page.next_token) break;
    from = Number(page.next_token);
  }
  const pagingMs = performance.now() - pagingStart;
  const pagingCheck = await check(pagingArm.sim, pagingArm.targets);
  await h.stop(pagingArm.sim.child);
  h.log(`   naive paging loop: ${(pagingMs / 1000).toFixed(2)} s, ${pages} pages, ${pagingCheck.never} of ${pagingArm.targets.length} users left active`);

  // The job: plan (every page of the user list, each user's details and rooms), start, until every user is
  // deactivated (phase 1 ends). Phase 2 (wait for Synapse's parting, purge the rooms they leave empty) is work the
  // seed never does: its start is reported, not compared.
  const jobArm = async (concurrency: number, followPhase2: boolean) => {
    const { sim, targets } = await seeded();
    try {
      const gateway = await h.startGateway(sim.url, { DELETE_POLL_INTERVAL_MS: String(pollMs) });
      try {
        const cpuBefore = h.cpuSeconds(gateway.pid);
        const started = Date.now();
        const planned = (await h.graphqlRequest(gateway.url, sim.token, 'mutation ($c: Int!) { planDecommission(options: { concurrency: $c }) { id progress { total } } }', { c: concurrency })) as {
          planDecommission: { id: string; progress: { total: number } };
        };
        const planMs = Date.now() - started;
        const { id, progress } = planned.planDecommission;
        await h.graphqlRequest(gateway.url, sim.token, 'mutation ($id: ID!) { startJob(id: $id) { status } }', { id });
        const deactivated = await watchJob(h, gateway.url, sim.token, id, (job) => job.phase !== 'DEACTIVATE_USERS', 50, 300_000);
        const wallMs = deactivated.seenAt - started;
        const cpuMs = (h.cpuSeconds(gateway.pid) - cpuBefore) * 1000;
        const checked = await check(sim, targets);
        // Informative only: a parting that takes longer leaves these figures out.
        const purging = followPhase2
          ? await watchJob(h, gateway.url, sim.token, id, (job) => job.phase === 'PURGE_ROOMS', 100, h.smoke ? 30_000 : 60_000).catch(() => ({ seenAt: Number.NaN, progress: { total: Number.NaN } }))
          : { seenAt: Number.NaN, progress: { total: Number.NaN } };
        const figures = {
          concurrency,
          planned: progress.total,
          afterPhase1: { status: deactivated.status, phase: deactivated.phase, progress: deactivated.progress },
          planMs,
          wallMs,
          deactivateMs: wallMs - planMs,
          /** The gateway's CPU (plan and deactivations, our job polls included) per user. */
          cpuPerUserMs: cpuMs / progress.total,
          phase2StartMs: purging.seenAt - started,
          phase2Rooms: purging.progress.total - progress.total,
          ...checked,
        };
        h.log(`   job, concurrency ${concurrency}: ${(wallMs / 1000).toFixed(2)} s to the last deactivation (plan ${(planMs / 1000).toFixed(2)} s), ${figures.cpuPerUserMs.toFixed(2)} ms gateway CPU per user, ${JSON.stringify(deactivated.progress)}${followPhase2 ? `; phase 2 planned ${(figures.phase2StartMs / 1000).toFixed(2)} s in with ${figures.phase2Rooms} rooms` : ''}`);
        return figures;
      } finally {
        await h.stop(gateway.child);
      }
    } finally {
      await h.stop(sim.child);
    }
  };
  const four = await jobArm(4, true);
  const eight = await jobArm(8, false);

  h.raw.jobsDecommission = { users, latencyMs, deactivateMs, pollMs, seedLoop: { ms: seedMs, users: names.length, ...seedCheck }, pagingLoop: { ms: pagingMs, pages, ...pagingCheck }, job4: four, job8: eight };
  const speedup = seedMs / four.wallMs;
  h.record('jobs.decommission.speedup', speedup, 'x seed loop', '>= 3x (concurrency 4, plan included)', speedup >= 3);
  const speedup8 = seedMs / eight.wallMs;
  h.record('jobs.decommission.speedup_concurrency_8', speedup8, 'x seed loop', '>= 3x (plan included)', speedup8 >= 3);
  const skipped = [four, eight].reduce((total, arm) => total + arm.never, 0);
  const repeated = [seedCheck, four, eight].reduce((total, arm) => total + arm.repeated + arm.strays, 0) + seedCheck.never;
  const progressOk = [four, eight].every((arm) => arm.afterPhase1.progress.done === arm.planned && arm.afterPhase1.progress.skipped === 0 && arm.afterPhase1.progress.failed === 0);
  h.record('jobs.decommission.users_skipped', skipped, 'users', '== 0 (stats.deactivationsByUser)', skipped === 0 && progressOk);
  h.record('jobs.decommission.users_deactivated_twice', repeated, 'users', '== 0', repeated === 0);
  h.log(`   naive paging loop (informative): ${pagingCheck.never} of ${pagingArm.targets.length} users skipped`);
  if (skipped + repeated > 0 || !progressOk) throw new Error(`decommission: users not deactivated exactly once: ${JSON.stringify(h.raw.jobsDecommission)}`);
}

/** What the jobs' figures mean, for RESULTS.md. */
export function jobsNotes(raw: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const f = (value: number, digits = 0) => value.toFixed(digits);
  type PurgeArm = { wallMs: number; planMs: number; runMs: number; slotUtilization: number; cpuPerRoomMs: number; deleteStatusPolls: number; perItem: { claimToDeleteMs: number; deleteMs: number; deleteEndToItemEndMs: number } };
  const purge = raw.jobsPurge as { rooms: number; pollMs: number; timings: { launchDelayMs: number; purgeMs: number }; seedLoop: { ms: number }; ceilingMs: number; job5: PurgeArm; job3: PurgeArm } | undefined;
  if (purge) {
    const { job5, job3 } = purge;
    const item = job5.perItem;
    lines.push(
      `- **Purge job.** The seed's loop is its v1 DELETE, which answers once the room is purged: ${f(purge.seedLoop.ms / purge.rooms)} ms a room, one after another. The job (concurrency 5) took ${f(job5.wallMs / 1000, 2)} s: ${f(job5.planMs / 1000, 2)} s to plan (every page of the room list, each room's review read from its history) and ${f(job5.runMs / 1000, 2)} s to run, against a ceiling of ${f(purge.ceilingMs / 1000, 2)} s (5 deletes of ${purge.timings.launchDelayMs + purge.timings.purgeMs} ms at a time). ` +
        `Synapse's slots were busy ${f(job5.slotUtilization * 100)}% of the run: an item spends ${f(item.claimToDeleteMs)} ms from its claim to its DELETE (the room's details; its recovery facts: state, block status, and the history read with the state, since an empty room's current state is empty; the audit entry, written first; the scheduled-tasks check), ${f(item.deleteMs)} ms in Synapse, and ${f(item.deleteEndToItemEndMs)} ms from the delete's end to its own (${f(job5.deleteStatusPolls / purge.rooms, 1)} status reads a room, the first after the DELETE included: the looks aim at when recent deletes ended, at most ${purge.pollMs} ms apart (src/jobs/delete-durations.ts); then the write). The next item is claimed only then, so a slot idles for the first and the last of these. ` +
        `Closer to the ceiling needs the next item's reads done while the slots are busy (claim ahead of the slots, take the slot after the reads). Concurrency 3 (the default) took ${f(job3.wallMs / 1000, 2)} s. Gateway CPU per room: ${f(job5.cpuPerRoomMs, 1)} ms.`,
    );
  }
  type DecommissionArm = { wallMs: number; planMs: number; deactivateMs: number; cpuPerUserMs: number; phase2StartMs: number; phase2Rooms: number };
  const decommission = raw.jobsDecommission as { users: number; latencyMs: number; deactivateMs: number; seedLoop: { ms: number; users: number }; pagingLoop: { never: number; once: number; ms: number; pages: number }; job4: DecommissionArm; job8: DecommissionArm } | undefined;
  if (decommission) {
    const { job4, job8, seedLoop } = decommission;
    lines.push(
      `- **Decommission job.** A deactivation costs the simulator ${decommission.latencyMs + decommission.deactivateMs} ms here (reads ${decommission.latencyMs} ms); the seed's xargs loop took ${f(seedLoop.ms / seedLoop.users, 1)} ms a user. The job at concurrency 4 took ${f(job4.wallMs / 1000, 2)} s to its last deactivation (${f(job4.planMs / 1000, 2)} s of it planning: each user's details and rooms), at 8 ${f(job8.wallMs / 1000, 2)} s. ` +
        `Each deactivation costs the gateway ${f(job4.cpuPerUserMs, 1)} ms of CPU (concurrency 4; ${f(job8.cpuPerUserMs, 1)} at 8), most of it PGlite's, in the store's own thread (one transaction a user: the item's end, which claims the next user and opens its attempt's audit entry, four statements sent in two round trips): that bounds the job at about ${f(1000 / job8.cpuPerUserMs)} users a second whatever its concurrency, where the serial loop does ${f(1000 / (seedLoop.ms / seedLoop.users))} a second at this deactivation cost; at a read's cost (the paging loop below deactivated ${f(decommission.pagingLoop.once / (decommission.pagingLoop.ms / 1000))} a second) the loop would win. ` +
        `The loop that pages while deactivating (pages of 100, deactivated users dropping out of the list) left ${decommission.pagingLoop.never} of ${seedLoop.users} users active. Phase 2 (Synapse parting the users from their ${job4.phase2Rooms} rooms, then the purge's plan) started ${f(job4.phase2StartMs / 1000, 1)} s after the plan began; it is not timed here.`,
    );
  }
  return lines;
}
