import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { SimProcessConfig } from '../../bench/sim-process.js';
import type { SimulatorConfig } from '../../simulator/routes/control.js';
import type { SeedOptions, SeedResult } from '../../simulator/homeserver.js';

/**
 * Real processes for tests that need them (crash tests: kill -9 a gateway mid-job and start it again): the gateway
 * as `npm start` runs it, the simulator as the benchmarks run it (bench/sim-process.ts, a real clock), and GraphQL
 * over HTTP.
 */

const root = new URL('../..', import.meta.url).pathname;

/** Every child started here, so that a failing test leaves none behind (`killAll` in afterAll). */
const children = new Set<ChildProcess>();

export type LogLine = Record<string, unknown> & { msg?: string };

export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  /** JSON lines seen on stdout so far (pino's, for the gateway). */
  logs: LogLine[];
  /** The last lines of stderr, for failure messages. */
  stderrTail(): string;
  /** Resolves with the first log line (seen before or after this call) `match` accepts; rejects when the process exits first or after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves once the process has exited (at once if it has). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --import tsx <args>` in the repository, stdout read as JSON lines. */
export function startNode(args: string[], env: Record<string, string>): NodeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const logs: LogLine[] = [];
  const watchers = new Set<(line: LogLine) => void>();
  let stderr = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitWaiters = new Set<() => void>();
  child.once('exit', (code, signal) => {
    exit = { code, signal };
    children.delete(child);
    for (const wake of exitWaiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    logs.push(line);
    for (const watch of watchers) watch(line);
  });
  const describeExit = () => `${args.join(' ')} exited (code ${exit?.code}, signal ${exit?.signal}); stderr:\n${stderr}`;
  return {
    child,
    pid: child.pid!,
    logs,
    stderrTail: () => stderr,
    waitForLog(match, timeoutMs = 60_000) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      if (exit) return Promise.reject(new Error(describeExit()));
      return new Promise<LogLine>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          watchers.delete(watch);
          exitWaiters.delete(onExit);
        };
        const watch = (line: LogLine) => {
          if (!match(line)) return;
          done();
          resolve(line);
        };
        const onExit = () => {
          done();
          reject(new Error(describeExit()));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching log line from ${args.join(' ')} within ${timeoutMs} ms; stderr:\n${stderr}`));
        }, timeoutMs);
        watchers.add(watch);
        exitWaiters.add(onExit);
      });
    },
    exited() {
      if (exit) return Promise.resolve(exit);
      return new Promise((resolve) => exitWaiters.add(() => resolve(exit!)));
    },
  };
}

/** kill -9, then waits for the process to be gone (its pid reaped: a lock file naming it is stale from then on). */
export async function kill9(process_: NodeProcess): Promise<void> {
  const exited = process_.exited();
  process_.child.kill('SIGKILL');
  await exited;
}

/** SIGTERM (SIGKILL after `graceMs`), waiting for the exit. */
export async function stopProcess(process_: NodeProcess, graceMs = 5000): Promise<void> {
  const exited = process_.exited();
  process_.child.kill('SIGTERM');
  const timer = setTimeout(() => process_.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills every child still running (afterAll of a crash test that failed half-way). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

export interface GatewayProcess extends NodeProcess {
  /** The GraphQL endpoint (http://127.0.0.1:PORT/graphql). */
  url: string;
  /** ms from spawn to 'gateway listening' and to 'store open'. */
  listeningMs: number;
  storeOpenMs: number;
}

/**
 * `node --import tsx src/main.ts` on a free port; resolves once it logged 'store open' (jobs that were running are
 * WAITING_FOR_CREDENTIALS by then). `env` adds to SYNAPSE_URL, PORT=0 and LOG_LEVEL=info.
 */
export async function startGateway(synapseUrl: string, env: Record<string, string>): Promise<GatewayProcess> {
  const started = Date.now();
  const node = startNode(['src/main.ts'], { SYNAPSE_URL: synapseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  try {
    const listening = await node.waitForLog((line) => line.msg === 'gateway listening');
    const listeningMs = Date.now() - started;
    await node.waitForLog((line) => line.msg === 'store open');
    return Object.assign(node, { url: String(listening.url), listeningMs, storeOpenMs: Date.now() - started });
  } catch (error) {
    node.child.kill('SIGKILL');
    throw error;
  }
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One GraphQL operation over HTTP with the token as a Bearer; the raw response body. */
export async function graphqlRaw<T = Record<string, unknown>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** One GraphQL operation over HTTP; its data, or an Error with every message when it has errors. */
export async function graphql<T = Record<string, unknown>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await graphqlRaw<T>(url, token, query, variables);
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

export interface SimulatorStats {
  calls: Record<string, number>;
  rooms: number;
  users: number;
  deletesByRoom: Record<string, number>;
  deactivationsByUser: Record<string, number>;
  partsPending: number;
}

export interface SimulatorProcess extends NodeProcess {
  url: string;
  /** The seeded admin's token (syt_bench_admin, user @admin:bench.local). */
  token: string;
  stats(): Promise<SimulatorStats>;
  configure(config: SimulatorConfig): Promise<void>;
  seed(options: SeedOptions): Promise<SeedResult>;
  /** Every delete task the simulator has, oldest first. */
  tasks(): Promise<{ id: string; roomId: string; status: string }[]>;
}

/** The simulator in a process of its own (bench/sim-process.ts: real clock, server name bench.local), with its control API. */
export async function startSimulatorProcess(config: Partial<SimProcessConfig> = {}): Promise<SimulatorProcess> {
  const node = startNode(['bench/sim-process.ts', JSON.stringify({ latencyMs: 0, rooms: 0, emptyRooms: 0, ...config })], {});
  let first: LogLine;
  try {
    first = await node.waitForLog((line) => typeof line.url === 'string');
  } catch (error) {
    node.child.kill('SIGKILL');
    throw error;
  }
  const url = String(first.url);
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_simulator/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return Object.assign(node, {
    url,
    token: String(first.token),
    stats: () => control<SimulatorStats>('stats'),
    configure: async (c: SimulatorConfig) => void (await control('config', c)),
    seed: (options: SeedOptions) => control<SeedResult>('seed', options),
    tasks: async () => (await control<{ tasks: { id: string; roomId: string; status: string }[] }>('tasks')).tasks,
  });
}
