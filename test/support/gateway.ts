import { afterAll, beforeAll } from 'vitest';
import type { TypedDocumentString } from '../gql/graphql.js';
import { SynapseTransport, type TransportOptions, type UpstreamCall } from '../../src/synapse/transport.js';
import type { GatewayServices } from '../../src/context.js';
import { createGatewayServer } from '../../src/server.js';
import type { ManualClock } from '../../simulator/clock.js';
import type { SimulatorOptions, SynapseSimulator } from '../../simulator/server.js';
import { AdminGuard } from '../../src/admin-guard.js';
import { DeleteTaskHub } from '../../src/delete-task-hub.js';
import { RoomDeleteGuard } from '../../src/delete-guard.js';
import { createJobServices } from '../../src/jobs/job-services.js';
import { testPgliteStore } from './stores.js';
import type { Fixture } from './fixture.js';
import type { Target } from './targets.js';
import { startSimulator } from './simulator-driver.js';
import { buildYoga, type GatewayYoga, type YogaOptions } from '../../src/yoga.js';

export interface GraphQLResponse<R> {
  data?: R | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  yoga: GatewayYoga;
  transport: SynapseTransport;
  /** Every upstream HTTP attempt since the last reset. */
  calls: UpstreamCall[];
  execute<R, V>(document: TypedDocumentString<R, V>, variables: V, token?: string): Promise<GraphQLResponse<R>>;
  /**
   * Has the gateway's admin check pass for a token (whoami + admin check, remembered for ADMIN_CHECK_TTL_MS), so that
   * a test's exact call counts are its query's alone.
   */
  warmAdminCheck(token?: string): Promise<void>;
  /** For documents that are not in the typed operations (invalid queries, ad-hoc shapes). */
  executeRaw(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** The gateway in-process, reached over a loopback port, counting every call it makes upstream. */
export function createTestGateway(
  synapseUrl: string,
  defaultToken: string | undefined,
  options: Partial<TransportOptions> = {},
  services: Partial<GatewayServices> = {},
  yogaOptions: Omit<YogaOptions, 'transport' | 'services'> = {},
): TestGateway {
  const calls: UpstreamCall[] = [];
  const transport = new SynapseTransport({
    baseUrl: synapseUrl,
    timeoutMs: 10_000,
    maxConcurrency: 16,
    ...options,
    onUpstreamCall: (call) => {
      calls.push(call);
      options.onUpstreamCall?.(call);
    },
  });
  // A store of its own, opened only if the test reaches it (the audit log, jobs).
  const deleteGuard = services.deleteGuard ?? new RoomDeleteGuard();
  const jobs = services.jobs ?? createJobServices({ store: testPgliteStore(), deleteGuard });
  // Remembered for the whole test run unless a test brings its own guard: counts never depend on the wall clock.
  const yoga = buildYoga({ transport, services: { adminGuard: new AdminGuard(3_600_000), ...services, deleteGuard, jobs }, ...yogaOptions });
  // On a loopback port, opened at the first request: the way clients reach the gateway (src/graphql-post.ts).
  let listening: ReturnType<typeof listenYoga> | undefined;
  const endpoint = () => (listening ??= listenYoga(yoga));
  const executeRaw = async (query: string, variables?: Record<string, unknown>, token = defaultToken) => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    };
    // A token no HTTP client will put in a header (not ASCII, control characters) can still be handed to Yoga.
    const sendable = token === undefined || /^[\x20-\x7e]*$/.test(token);
    const response = sendable ? await fetch((await endpoint()).http, init) : await yoga.fetch('http://gateway.test/graphql', init);
    return (await response.json()) as GraphQLResponse<Record<string, unknown>>;
  };
  return {
    yoga,
    transport,
    calls,
    execute: (document, variables, token) => executeRaw(document.toString(), variables as Record<string, unknown>, token) as never,
    warmAdminCheck: async (token) => {
      // Three per-operation calls: above the allowance, so the check runs (and its two calls are the query's own).
      const { errors } = await executeRaw('{ viewer { isAdmin } serverVersion }', undefined, token);
      if (errors) throw new Error(`admin check failed: ${JSON.stringify(errors)}`);
    },
    executeRaw,
    close: async () => {
      // Closing the server disposes of Yoga too.
      if (listening) await (await listening).close();
      else await yoga.dispose();
      await transport.close();
      if (!services.jobs) await jobs.store.close();
    },
  };
}

/** Calls grouped by "METHOD path-without-query" for exact assertions. */
export function countCalls(calls: UpstreamCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { method, path } of calls) {
    const key = `${method} ${path.split('?')[0]}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * For a scenario's describe block: a gateway in front of its target, made (its admin check warmed) before the
 * block's tests and closed after them.
 */
export function scenarioGateway(target: () => Target): TestGateway {
  let current: TestGateway | undefined;
  beforeAll(async () => {
    current = createTestGateway(target().url, target().fixture.admin.token);
    await current.warmAdminCheck();
  });
  afterAll(() => current?.close());
  const gateway = () => {
    if (!current) throw new Error('the scenario gateway exists during the tests only');
    return current;
  };
  return {
    get yoga() {
      return gateway().yoga;
    },
    get transport() {
      return gateway().transport;
    },
    get calls() {
      return gateway().calls;
    },
    execute: (document, variables, token) => gateway().execute(document, variables, token),
    warmAdminCheck: (token) => gateway().warmAdminCheck(token),
    executeRaw: (query, variables, token) => gateway().executeRaw(query, variables, token),
    close: () => gateway().close(),
  };
}

/** The code of a response's first error. */
export const errorCode = (result: GraphQLResponse<unknown>): unknown => result.errors?.[0]?.extensions?.code;

/** The same gateway on a real loopback port, for WebSocket and SSE clients. */
export function listenTestGateway(gateway: TestGateway): Promise<{ http: string; ws: string; close(): Promise<void> }> {
  return listenYoga(gateway.yoga);
}

async function listenYoga(yoga: GatewayYoga): Promise<{ http: string; ws: string; close(): Promise<void> }> {
  const server = createGatewayServer(yoga);
  const http = await server.listen(0, '127.0.0.1');
  return { http, ws: http.replace(/^http/, 'ws'), close: () => server.close(1000) };
}

export interface ClockedGateway {
  sim: SynapseSimulator;
  clock: ManualClock;
  fixture: Fixture;
  url: string;
  /** The delete polls, on the simulator's manual clock. */
  hub: DeleteTaskHub;
  gateway: TestGateway;
  server: Awaited<ReturnType<typeof listenTestGateway>>;
  close(): Promise<void>;
}

/**
 * A seeded simulator, and a gateway listening on a loopback port in front of it whose delete polls run on the
 * simulator's manual clock: deletes move only when a test moves time.
 */
export async function startClockedGateway(
  options: {
    simulator?: SimulatorOptions;
    /** null: the gateway's test requests carry no token. */
    token?: null;
    pollIntervalMs?: number;
    /** Options of the gateway, given the seeded fixture (e.g. to pre-fill GraphiQL with its admin token). */
    yoga?: (fixture: Fixture) => Omit<YogaOptions, 'transport' | 'services'>;
  } = {},
): Promise<ClockedGateway> {
  const { sim, clock, fixture, url } = await startSimulator(options.simulator);
  const hub = new DeleteTaskHub({ intervalMs: options.pollIntervalMs ?? 50, timers: clock });
  const gateway = createTestGateway(url, options.token === null ? undefined : fixture.admin.token, {}, { deleteTaskHub: hub }, options.yoga?.(fixture));
  const server = await listenTestGateway(gateway);
  return {
    sim,
    clock,
    fixture,
    url,
    hub,
    gateway,
    server,
    close: async () => {
      await server.close();
      await gateway.close();
      await sim.close();
    },
  };
}
