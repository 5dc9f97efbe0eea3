import { Writable } from 'node:stream';
import { createClient } from 'graphql-ws';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SynapseSimulator } from '../simulator/server.js';
import type { Fixture } from './support/fixture.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

describe('logs and metrics an operator can use', () => {
  let sim: SynapseSimulator;
  let fixture: Fixture;
  let gateway: TestGateway;
  const lines: LogLine[] = [];
  const raw: string[] = [];

  beforeAll(async () => {
    let url: string;
    ({ sim, fixture, url } = await startSimulator());
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          raw.push(String(chunk));
          lines.push(JSON.parse(String(chunk)) as LogLine);
          done();
        },
      }),
    );
    gateway = createTestGateway(url, fixture.admin.token, { delay: async () => {} }, {}, { logger });
    await gateway.warmAdminCheck();
  });
  beforeEach(() => {
    lines.length = 0;
    sim.clearFaults();
  });
  afterAll(async () => {
    await gateway.close();
    await sim.close();
  });

  const post = (query: string, headers: Record<string, string> = {}, token: string | null = fixture.admin.token) =>
    gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query }),
    });
  const operations = () => lines.filter((line) => line.msg === 'operation');

  it('writes one access-log line per operation: request id, type, name, duration, upstream calls, errors, user', async () => {
    const response = await post(`query Dashboard { viewer { userId } room(roomId: "${fixture.rooms.general}") { name topic } }`, { 'x-request-id': 'req-7' });
    await response.json();
    expect(operations()).toEqual([
      expect.objectContaining({
        level: 30,
        requestId: 'req-7',
        transport: 'http',
        operation: 'query',
        operationName: 'Dashboard',
        userId: fixture.admin.userId,
        durationMs: expect.any(Number),
        upstreamCalls: 2,
        errors: [],
      }),
    ]);
  });

  it('logs client mistakes at info, without a stack, and never a token', async () => {
    for (const [query, token] of [
      ['{ room(roomId: "not-a-room") { name } }', fixture.admin.token],
      ['{ viewer { userId } }', null],
      ['{ viewer { userId } }', 'syt_secret_garbage_token'],
      ['{ rooms(first: 1000) { edges { node { topic members { userId } } } } }', fixture.admin.token],
      [`{ room(roomId: "${fixture.rooms.general}") { members { userId } } a: room(roomId: "!x:sim.test") { name } b: room(roomId: "!y:sim.test") { name } }`, fixture.alice.token],
    ] as const) {
      await (await post(query, {}, token)).json();
    }
    expect(operations().map((line) => line.errors)).toEqual([['BAD_USER_INPUT'], ['UNAUTHENTICATED'], ['UNAUTHENTICATED'], ['QUERY_TOO_EXPENSIVE'], ['FORBIDDEN']]);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    const text = raw.join('');
    for (const secret of [fixture.admin.token, fixture.alice.token, 'syt_secret_garbage_token']) expect(text).not.toContain(secret);
    expect(text).not.toContain('"stack"');
  });

  it('gives graphql-js request errors a code, and logs requests refused before they became operations', async () => {
    const wrongType = (await (await post('query($n: Int) { rooms(first: $n) { totalCount } }'.replace('$n: Int', '$n: Int = "x"'))).json()) as { errors: { extensions: { code: string } }[] };
    expect(wrongType.errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` },
      body: JSON.stringify({ query: 'query($n: Int) { rooms(first: $n) { totalCount } }', variables: { n: 'many' } }),
    });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    lines.length = 0;
    await (await gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).text();
    await (await gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' })).text();
    expect(operations()).toEqual([
      expect.objectContaining({ level: 30, rejected: 'csrf', httpStatus: 403, errors: ['CSRF_PREVENTED'] }),
      expect.objectContaining({ level: 30, rejected: 'bad_request', httpStatus: 400, errors: ['BAD_REQUEST'] }),
    ]);
    // Not operations: no line.
    await (await gateway.yoga.fetch('http://gateway.test/health')).text();
    expect(operations()).toHaveLength(2);
  });

  it('logs one upstream failure once, however many fields it failed', async () => {
    sim.inject({ path: /^\/_synapse\/admin\/v1\/rooms\/[^/]+$/, times: 3, respond: { status: 503, body: { errcode: 'M_UNKNOWN', error: 'down' } } });
    const result = (await (await post('{ rooms(first: 1) { edges { node { topic avatar forgotten } } } }')).json()) as { errors: unknown[] };
    expect(result.errors).toHaveLength(3);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'upstream failure', code: 'UPSTREAM_ERROR', synapse: { status: 503, errcode: 'M_UNKNOWN' } })]);
    expect(operations()).toEqual([expect.objectContaining({ level: 30, errors: ['UPSTREAM_ERROR'], upstreamCalls: 4 })]);
  });

  it('logs WebSocket operations and subscriptions when they end', async () => {
    const server = await listenTestGateway(gateway);
    const client = createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${fixture.admin.token}` } });
    await new Promise((resolve, reject) => client.subscribe({ query: 'query Who { viewer { userId } }' }, { next: () => {}, error: reject, complete: () => resolve(null) }));
    await client.dispose();
    await server.close();
    expect(operations()).toEqual([expect.objectContaining({ transport: 'ws', operation: 'query', operationName: 'Who', userId: fixture.admin.userId, errors: [] })]);
  });

  it('serves Prometheus metrics: operations, upstream calls by route, latency, queue, rejections, subscriptions', async () => {
    await (await post(`{ room(roomId: "${fixture.rooms.general}") { name members { userId } } }`)).json();
    await (await post('{ viewer { userId } }', {}, null)).json();
    await (await post('{ rooms(first: 1000) { edges { node { topic members { userId } } } } }')).json();
    await (await post(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: serverVersion`).join(' ')} }`)).json();
    const response = await gateway.yoga.fetch('http://gateway.test/metrics');
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const metrics = await response.text();
    for (const expected of [
      /gateway_operations_total\{type="query",outcome="ok"\} \d+/,
      /gateway_operations_total\{type="query",outcome="client_error"\} \d+/,
      /gateway_operation_duration_seconds_bucket\{le="0\.1",type="query"\} \d+/,
      /gateway_upstream_calls_total\{method="GET",route="\/_synapse\/admin\/v1\/rooms\/\{roomId\}\/members",status="200"\} \d+/,
      /gateway_upstream_duration_seconds_count\{method="GET",route="\/_synapse\/admin\/v1\/rooms\/\{roomId\}"\} \d+/,
      /gateway_upstream_queue_length 0/,
      /gateway_upstream_in_flight 0/,
      /gateway_rejected_operations_total\{reason="unauthenticated"\} \d+/,
      /gateway_rejected_operations_total\{reason="too_expensive"\} \d+/,
      /gateway_rejected_operations_total\{reason="max_aliases"\} \d+/,
      /gateway_live_subscriptions 0/,
      /gateway_delete_poll_loops 0/,
    ]) {
      expect(metrics).toMatch(expected);
    }
    // Route templates, never IDs.
    expect(metrics).not.toContain(encodeURIComponent(fixture.rooms.general));
  });

  it('turns /metrics off with METRICS=false', async () => {
    const quiet = createTestGateway(gateway.transport.origin, fixture.admin.token, {}, {}, { metrics: false });
    const response = await quiet.yoga.fetch('http://gateway.test/metrics');
    expect(response.status).toBe(404);
    await quiet.close();
  });
});
