// The store's cost at start: the gateway as `npm start` runs it (node --import tsx src/main.ts), on PGlite (a fresh
// DATA_DIR: the template unpacked, then open, in the store's own thread; and a reopen) and on PostgreSQL when one is at hand. The commit
// before the store had no "store open"; its arm is approximated inside the same process: time to 'gateway listening'
// and the RSS at that moment (every module loaded, the store's opening not begun: main.ts calls ready() right after
// that log line), against the same after 'store open'. The demo's first answer must not wait for the store: a
// `{ serverVersion }` sent the moment the gateway listens, while the store opens, against the same first request of a
// process whose store is already open.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import type { Harness, Sim } from './harness.js';

const root = resolve(import.meta.dirname, '..');

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

interface StartFigures {
  listenMs: number;
  storeOpenMs: number;
  /** The gateway's own figure: from 'gateway listening' to 'store open'. */
  storeOpenLoggedMs: number;
  rssListeningMiB: number;
  rssStoreOpenMiB: number;
  rssSettledMiB: number;
  peakMiB: number;
  /** The first `{ serverVersion }`, sent at 'gateway listening'. */
  firstAnswerMs: number;
  firstAnsweredBeforeStoreOpen: boolean;
  /** Further ones every 20 ms until 'store open': how long the slowest took. */
  probes: number;
  probeMaxMs: number;
  /** When the slowest of them was sent, from 'gateway listening' (the store opened at storeOpenMs - listenMs). */
  probeMaxSentAtMs: number;
}

interface ReferenceFigures {
  /** The first `{ serverVersion }` of a process whose store has been open for a second. */
  firstAnswerMs: number;
  warmP50Ms: number;
}

export async function storeStart(h: Harness): Promise<void> {
  const reps = h.smoke ? 1 : 3;
  h.log(`store: start time, RSS and first answer of the gateway with its store opening (PGlite fresh and reopened${h.smoke ? '' : ', PostgreSQL if at hand'}), ${reps} runs each`);
  const sim = await h.startSim({ latencyMs: 1, rooms: 0, emptyRooms: 0 });
  const query = '{ serverVersion }';
  const ask = async (url: string) => {
    const started = performance.now();
    await h.graphqlRequest(url, sim.token, query);
    return performance.now() - started;
  };

  /** `npm start`'s gateway: when it listened and when its store opened, with its memory at each moment. */
  const launch = async (env: Record<string, string>) => {
    const spawned = performance.now();
    let listening = { at: Number.NaN, rss: Number.NaN };
    let open = { at: Number.NaN, logged: Number.NaN, rss: Number.NaN };
    let opened: () => void = () => {};
    const storeOpen = new Promise<void>((done) => (opened = done));
    const { child, first } = await h.startNode(['--import', 'tsx', 'src/main.ts'], gatewayEnv(sim, env), (line) => {
      // pino's lines carry the pid: memory is read the moment the line arrives.
      if (line.msg === 'gateway listening') listening = { at: performance.now(), rss: memoryOf(Number(line.pid)).rss };
      if (line.msg === 'store open') {
        open = { at: performance.now(), logged: Number(line.ms), rss: memoryOf(Number(line.pid)).rss };
        opened();
      }
      return line.msg === 'gateway listening';
    });
    return { child, url: String(first.url), spawned, storeOpen, listening: () => listening, open: () => open };
  };

  /** One start: times and memory at 'gateway listening' and 'store open', answers meanwhile. */
  const measureStart = async (env: Record<string, string>): Promise<StartFigures> => {
    const gateway = await launch(env);
    try {
      let isOpen = false;
      void gateway.storeOpen.then(() => (isOpen = true));
      const firstAnswerMs = await ask(gateway.url);
      const firstAnsweredBeforeStoreOpen = !isOpen;
      const probeTimes: number[] = [];
      let probeMaxSentAt = Number.NaN;
      while (!isOpen) {
        const sentAt = performance.now();
        const ms = await ask(gateway.url);
        if (!(ms <= Math.max(...probeTimes))) probeMaxSentAt = sentAt;
        probeTimes.push(ms);
        await new Promise((done) => setTimeout(done, 20));
      }
      await new Promise((done) => setTimeout(done, 1000));
      const settled = memoryOf(gateway.child.pid!);
      const listening = gateway.listening();
      const open = gateway.open();
      return {
        listenMs: listening.at - gateway.spawned,
        storeOpenMs: open.at - gateway.spawned,
        storeOpenLoggedMs: open.logged,
        rssListeningMiB: listening.rss,
        rssStoreOpenMiB: open.rss,
        rssSettledMiB: settled.rss,
        peakMiB: settled.peak,
        firstAnswerMs,
        firstAnsweredBeforeStoreOpen,
        probes: probeTimes.length,
        probeMaxMs: probeTimes.length ? Math.max(...probeTimes) : Number.NaN,
        probeMaxSentAtMs: probeMaxSentAt - listening.at,
      };
    } finally {
      await h.stop(gateway.child);
    }
  };

  /** A process left alone until its store has been open a second (right at 'store open' it is still busy): its first answer, and warm ones. */
  const measureReference = async (env: Record<string, string>): Promise<ReferenceFigures> => {
    const gateway = await launch(env);
    try {
      await gateway.storeOpen;
      await new Promise((done) => setTimeout(done, 1000));
      const firstAnswerMs = await ask(gateway.url);
      const warm: number[] = [];
      for (let i = 0; i < 20; i++) warm.push(await ask(gateway.url));
      return { firstAnswerMs, warmP50Ms: median(warm) };
    } finally {
      await h.stop(gateway.child);
    }
  };

  const measureStore = async (name: string, freshEnv: () => Record<string, string>, cleanup: () => void) => {
    const runs: { fresh: StartFigures; reopen: StartFigures; reference: ReferenceFigures }[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const env = freshEnv();
      try {
        const fresh = await measureStart(env);
        const reopen = await measureStart(env);
        const reference = await measureReference(env);
        runs.push({ fresh, reopen, reference });
        h.log(`   ${name} run ${rep + 1}: ${JSON.stringify({ fresh, reopen, reference }, (_key, value: unknown) => (typeof value === 'number' ? Number(value.toFixed(1)) : value))}`);
      } finally {
        cleanup();
      }
    }
    const pick = <K extends 'fresh' | 'reopen' | 'reference'>(arm: K, field: keyof (typeof runs)[number][K]) => median(runs.map((run) => Number(run[arm][field])));
    const summary = {
      listenMs: pick('fresh', 'listenMs'),
      freshStoreOpenMs: pick('fresh', 'storeOpenMs'),
      freshStoreOpenLoggedMs: pick('fresh', 'storeOpenLoggedMs'),
      reopenListenMs: pick('reopen', 'listenMs'),
      reopenStoreOpenMs: pick('reopen', 'storeOpenMs'),
      reopenStoreOpenLoggedMs: pick('reopen', 'storeOpenLoggedMs'),
      rssListeningMiB: pick('reopen', 'rssListeningMiB'),
      rssSettledMiB: pick('reopen', 'rssSettledMiB'),
      freshPeakMiB: pick('fresh', 'peakMiB'),
      freshFirstAnswerMs: pick('fresh', 'firstAnswerMs'),
      reopenFirstAnswerMs: pick('reopen', 'firstAnswerMs'),
      freshProbeMaxMs: pick('fresh', 'probeMaxMs'),
      reopenProbeMaxMs: pick('reopen', 'probeMaxMs'),
      referenceFirstAnswerMs: pick('reference', 'firstAnswerMs'),
      referenceWarmP50Ms: pick('reference', 'warmP50Ms'),
      answeredBeforeStoreOpen: runs.filter((run) => run.fresh.firstAnsweredBeforeStoreOpen).length,
    };
    return { runs, summary };
  };

  const results: Record<string, unknown> = {};
  try {
    const dirs: string[] = [];
    const pglite = await measureStore(
      'PGlite',
      () => {
        const dir = mkdtempSync(resolve(tmpdir(), 'bench-store-'));
        dirs.push(dir);
        return { DATA_DIR: dir };
      },
      () => {
        for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      },
    );
    results.pglite = pglite;
    const s = pglite.summary;
    h.log(`   PGlite: listening ${s.listenMs.toFixed(0)} ms; store open ${s.freshStoreOpenMs.toFixed(0)} ms fresh (new DATA_DIR), ${s.reopenStoreOpenMs.toFixed(0)} ms reopened; RSS ${s.rssListeningMiB.toFixed(0)} MiB listening -> ${s.rssSettledMiB.toFixed(0)} MiB open (peak ${s.freshPeakMiB.toFixed(0)} MiB fresh); first answer ${s.freshFirstAnswerMs.toFixed(0)} ms while initdb, ${s.reopenFirstAnswerMs.toFixed(0)} ms while reopening, ${s.referenceFirstAnswerMs.toFixed(0)} ms with the store open (warm ${s.referenceWarmP50Ms.toFixed(1)} ms)`);

    const postgres = await postgresUrl(h);
    if (postgres) {
      try {
        // On a server of our own, a new database for each run: its first start migrates it, the reopen finds it
        // migrated. On BENCH_DATABASE_URL, that database as it is (already migrated after the first start).
        const databaseUrls: string[] = [];
        if (postgres.throwaway) {
          const admin = new pg.Client({ connectionString: postgres.url });
          await admin.connect();
          for (let rep = 0; rep < reps; rep++) {
            await admin.query(`CREATE DATABASE bench_store_${rep}`);
            const url = new URL(postgres.url);
            url.pathname = `/bench_store_${rep}`;
            databaseUrls.push(url.href);
          }
          await admin.end();
        }
        const measured = await measureStore('PostgreSQL', () => ({ DATABASE_URL: databaseUrls.shift() ?? postgres.url }), () => {});
        results.postgres = measured;
        const p = measured.summary;
        h.log(`   PostgreSQL: store open ${p.freshStoreOpenMs.toFixed(0)} ms first start, ${p.reopenStoreOpenMs.toFixed(0)} ms again; RSS ${p.rssListeningMiB.toFixed(0)} -> ${p.rssSettledMiB.toFixed(0)} MiB; first answer ${p.freshFirstAnswerMs.toFixed(0)} ms while opening, ${p.referenceFirstAnswerMs.toFixed(0)} ms open`);
      } finally {
        postgres.stop();
      }
    } else {
      results.postgres = { skipped: h.smoke ? 'smoke run' : 'no BENCH_DATABASE_URL, and scripts/postgres.sh cannot start one here (needs root and /usr/lib/postgresql/*/bin)' };
      h.log(`   PostgreSQL skipped: ${(results.postgres as { skipped: string }).skipped}`);
    }
  } finally {
    await h.stop(sim.child);
  }
  h.raw.store = results;

  const s = (results.pglite as { summary: Record<string, number> }).summary;
  // What the store does to the process's memory: settled after 'store open' (a reopen) against 'gateway listening'
  // (every module loaded, nothing of the store opened): a memory limit must hold the first start's peak, too.
  const rssRatio = s.rssSettledMiB! / s.rssListeningMiB!;
  h.record('store.pglite.rss_ratio', rssRatio, 'x without', '<= 2x (RSS with the store open / at gateway listening)', rssRatio <= 2);
  const peakRatio = s.freshPeakMiB! / s.rssListeningMiB!;
  h.record('store.pglite.first_start_peak_ratio', peakRatio, 'x without', '<= 2x (peak RSS of a first start, initdb included / at gateway listening)', peakRatio <= 2);
  // The demo's first answer, sent the moment the gateway listens, while PGlite's first start runs (its thread) or a
  // reopen runs; against the first answer of a process whose store is open.
  const firstRatio = Math.max(s.freshFirstAnswerMs!, s.reopenFirstAnswerMs!) / s.referenceFirstAnswerMs!;
  h.record('store.pglite.first_answer_while_opening', firstRatio, 'x store open', '<= 3x (first { serverVersion } at gateway listening, fresh and reopen / first of a process whose store is open)', firstRatio <= 3);
  // Every answer until the store is open, one every 20 ms: the slowest, against the same reference.
  const slowestRatio = Math.max(s.freshProbeMaxMs!, s.reopenProbeMaxMs!) / s.referenceFirstAnswerMs!;
  h.record('store.pglite.slowest_answer_while_opening', slowestRatio, 'x store open', '<= 3x (slowest { serverVersion } sent every 20 ms until store open / the same reference)', slowestRatio <= 3);
}

/** What the store's figures mean, for RESULTS.md. */
export function storeNotes(raw: Record<string, unknown>): string[] {
  const store = raw.store as { pglite?: { summary: Record<string, number>; runs: { fresh: StartFigures; reopen: StartFigures }[] }; postgres?: { summary?: Record<string, number>; skipped?: string } } | undefined;
  if (!store?.pglite) return [];
  const s = store.pglite.summary;
  const f = (value: number | undefined, digits = 0) => (value ?? Number.NaN).toFixed(digits);
  const lines = [
    `- **Store at start (PGlite).** The gateway listens ${f(s.listenMs)} ms after it is spawned (tsx included), and the store opens beside it: ${f(s.freshStoreOpenLoggedMs)} ms after listening on a fresh DATA_DIR (the template unpacked, then the open, in the store's thread), ${f(s.reopenStoreOpenLoggedMs)} ms on a reopen (medians). ` +
      `RSS is ${f(s.rssListeningMiB)} MiB when it listens and ${f(s.rssSettledMiB)} MiB once the store is open; a first start peaks at ${f(s.freshPeakMiB)} MiB (unpacking the template; PGlite's own initdb peaked near 1 GB), which a container's memory limit must hold. ` +
      `The first \`{ serverVersion }\`, sent the moment the gateway listens, takes ${f(s.freshFirstAnswerMs)} ms during a first start and ${f(s.reopenFirstAnswerMs)} ms during a reopen, against ${f(s.referenceFirstAnswerMs)} ms for the first answer of a process whose store has been open a second (warm: ${f(s.referenceWarmP50Ms, 1)} ms). ` +
      `PGlite opens in a thread of its own: the slowest of the answers sent every 20 ms until the store was open took ${f(s.freshProbeMaxMs)} ms on a first start and ${f(s.reopenProbeMaxMs)} ms on a reopen, sent ${store.pglite.runs.map((run) => `${f(run.fresh.probeMaxSentAtMs)}`).join(', ')} ms after listening on first starts whose store opened ${store.pglite.runs.map((run) => f(run.fresh.storeOpenLoggedMs)).join(', ')} ms after it.`,
  ];
  const pg = store.postgres;
  if (pg?.summary) {
    const p = pg.summary;
    lines.push(
      `- **Store at start (PostgreSQL).** Opens ${f(p.freshStoreOpenLoggedMs)} ms after listening on an empty database (migrations) and ${f(p.reopenStoreOpenLoggedMs)} ms on a migrated one; RSS ${f(p.rssListeningMiB)} → ${f(p.rssSettledMiB)} MiB; first answer ${f(p.freshFirstAnswerMs)} ms while it opens, ${f(p.referenceFirstAnswerMs)} ms once open, slowest while opening ${f(Math.max(p.freshProbeMaxMs!, p.reopenProbeMaxMs!))} ms (figures in results.json, no bar).`,
    );
  } else if (pg?.skipped) lines.push(`- **Store at start (PostgreSQL).** Not measured: ${pg.skipped}.`);
  return lines;
}

function gatewayEnv(sim: Sim, env: Record<string, string>): Record<string, string> {
  return { SYNAPSE_URL: sim.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env };
}

/** BENCH_DATABASE_URL, or a throw-away server from scripts/postgres.sh where it can start one (root, Debian's binaries). */
async function postgresUrl(h: Harness): Promise<{ url: string; throwaway: boolean; stop(): void } | undefined> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, throwaway: false, stop: () => {} };
  const installed = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));
  if (h.smoke || process.getuid?.() !== 0 || !installed) return undefined;
  const state = mkdtempSync(resolve(tmpdir(), 'bench-postgres-'));
  const script = resolve(root, 'scripts/postgres.sh');
  try {
    execFileSync('bash', [script, 'start', state], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, POSTGRES_TEST_PORT: '54379' } });
  } catch (error) {
    h.log(`   scripts/postgres.sh start failed: ${String(error)}`);
    return undefined;
  }
  const urlFile = resolve(state, 'url');
  if (!existsSync(urlFile)) return undefined;
  return {
    url: readFileSync(urlFile, 'utf8').trim(),
    throwaway: true,
    stop: () => {
      execFileSync('bash', [script, 'stop', state], { stdio: ['ignore', 'ignore', 'inherit'] });
      rmSync(state, { recursive: true, force: true });
    },
  };
}
