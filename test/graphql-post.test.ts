import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { GraphQLPost } from '../src/graphql-post.js';
import { countCalls, createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

// The plain POST path (src/graphql-post.ts) answers exactly as Yoga's Fetch adapter does: each request is sent to
// both, the one over a socket, the other through yoga.fetch, and status, media type, request ID, body and upstream
// calls must match. Which path the socket took is checked too, so that a change that sends everything to Yoga fails.
describeScenario('POST /graphql without the Fetch adapter answers as Yoga does', (target) => {
  let gateway: TestGateway;
  let server: Awaited<ReturnType<typeof listenTestGateway>>;
  // The access log: each path must log each operation once, the same way.
  const logged: Record<string, unknown>[] = [];
  const onLine: (() => void)[] = [];
  const untilLogged = async (msg: string) => {
    while (!logged.some((line) => line.msg === msg)) await new Promise<void>((resolve) => onLine.push(resolve));
  };
  const operationLines = () => logged.splice(0).filter((line) => line.msg === 'operation').map(({ time: _time, pid: _pid, hostname: _host, durationMs: _duration, ...line }) => line);
  beforeAll(async () => {
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          logged.push(JSON.parse(String(chunk)) as Record<string, unknown>);
          for (const notify of onLine.splice(0)) notify();
          done();
        },
      }),
    );
    gateway = createTestGateway(target().url, target().fixture.admin.token, {}, {}, { logger });
    await gateway.warmAdminCheck();
    server = await listenTestGateway(gateway);
  });
  afterAll(async () => {
    await server.close();
    await gateway.close();
  });

  const room = () => target().fixture.rooms.general;
  const token = () => target().fixture.admin.token;
  const json = (body: unknown) => JSON.stringify(body);
  const roomQuery = () => `{ room(roomId: "${room()}") { roomId name joinedMembers members { userId } } }`;
  type Case = { what: string; path: 'plain' | 'read, then Yoga' | 'Yoga'; headers?: Record<string, string>; body: () => string };
  const cases: Case[] = [
    { what: 'a query', path: 'plain', body: () => json({ query: roomQuery() }) },
    { what: 'a query with null variables, operation name and extensions', path: 'plain', body: () => json({ query: roomQuery(), variables: null, operationName: null, extensions: null }) },
    { what: 'a named operation among two', path: 'plain', body: () => json({ query: `query A { serverVersion } query B { viewer { userId } }`, operationName: 'B' }) },
    { what: 'variables', path: 'plain', body: () => json({ query: 'query($id: ID!) { room(roomId: $id) { name topic } }', variables: { id: room() } }) },
    { what: 'Accept: application/graphql-response+json', path: 'plain', headers: { accept: 'application/graphql-response+json' }, body: () => json({ query: roomQuery() }) },
    { what: 'Accept: application/json; charset=utf-8', path: 'plain', headers: { accept: 'application/json; charset=utf-8' }, body: () => json({ query: roomQuery() }) },
    { what: 'Accept: */*', path: 'plain', headers: { accept: '*/*' }, body: () => json({ query: roomQuery() }) },
    { what: 'no token', path: 'plain', headers: { authorization: '' }, body: () => json({ query: roomQuery() }) },
    { what: 'a malformed token', path: 'plain', headers: { authorization: 'Bearer not a token' }, body: () => json({ query: roomQuery() }) },
    { what: 'a token Synapse does not know', path: 'plain', headers: { authorization: 'Bearer syt_unknown_token' }, body: () => json({ query: '{ viewer { userId } serverVersion rooms { totalCount } }' }) },
    { what: 'a syntax error', path: 'plain', body: () => json({ query: '{ room(' }) },
    { what: 'a syntax error, graphql-response+json', path: 'plain', headers: { accept: 'application/graphql-response+json' }, body: () => json({ query: '{ room(' }) },
    { what: 'an unknown field', path: 'plain', body: () => json({ query: '{ rooms { nope } }' }) },
    { what: 'a variable of the wrong type', path: 'plain', body: () => json({ query: 'query($n: Int) { rooms(first: $n) { totalCount } }', variables: { n: 'ten' } }) },
    { what: 'an unknown operation name', path: 'plain', body: () => json({ query: '{ serverVersion }', operationName: 'Nope' }) },
    { what: 'too many aliases', path: 'plain', body: () => json({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: serverVersion`).join(' ')} }` }) },
    { what: 'a room that does not exist', path: 'plain', body: () => json({ query: '{ room(roomId: "!nope:example.org") { name members { userId } } }' }) },
    { what: 'a mutation refused as bad input', path: 'plain', body: () => json({ query: 'mutation { makeRoomAdmin(roomId: "not-a-room") }' }) },
    { what: 'a body that is not JSON', path: 'read, then Yoga', body: () => '{"query": ' },
    { what: 'a JSON array (batching is off)', path: 'read, then Yoga', body: () => json([{ query: '{ serverVersion }' }]) },
    { what: 'JSON null', path: 'read, then Yoga', body: () => 'null' },
    { what: 'an unknown parameter', path: 'read, then Yoga', body: () => json({ query: '{ serverVersion }', extra: 1 }) },
    { what: 'a query that is not a string', path: 'read, then Yoga', body: () => json({ query: 42 }) },
    { what: 'variables that are a list', path: 'read, then Yoga', body: () => json({ query: '{ serverVersion }', variables: [1] }) },
    { what: 'no query', path: 'read, then Yoga', body: () => json({ variables: {} }) },
    { what: 'a subscription asked for as JSON', path: 'read, then Yoga', headers: { accept: 'application/json' }, body: () => json({ query: 'subscription { deleteTask(deleteId: "x") { status } }' }) },
    { what: 'an Origin (CORS)', path: 'Yoga', headers: { origin: 'https://elsewhere.example' }, body: () => json({ query: roomQuery() }) },
    { what: 'text/plain (CSRF)', path: 'Yoga', headers: { 'content-type': 'text/plain' }, body: () => json({ query: roomQuery() }) },
    { what: 'an Accept that may mean a stream', path: 'Yoga', headers: { accept: 'text/event-stream, application/json' }, body: () => json({ query: '{ serverVersion }' }) },
    { what: 'Accept: nothing it can answer', path: 'Yoga', headers: { accept: 'text/html' }, body: () => json({ query: '{ serverVersion }' }) },
    { what: 'an Accept named like an object property', path: 'Yoga', headers: { accept: 'constructor' }, body: () => json({ query: '{ serverVersion }' }) },
    { what: 'a JSON media type with another charset', path: 'plain', headers: { 'content-type': 'application/json;charset=iso-8859-1' }, body: () => json({ query: roomQuery() }) },
    { what: 'a list of media types, JSON first', path: 'plain', headers: { 'content-type': 'application/json, text/plain' }, body: () => json({ query: roomQuery() }) },
    { what: 'application/graphql+json', path: 'plain', headers: { 'content-type': 'application/graphql+json' }, body: () => json({ query: roomQuery() }) },
    { what: 'a JSON media type in capitals', path: 'Yoga', headers: { 'content-type': 'Application/JSON' }, body: () => json({ query: roomQuery() }) },
    { what: 'a space before the parameters', path: 'Yoga', headers: { 'content-type': 'application/json ; charset=utf-8' }, body: () => json({ query: roomQuery() }) },
    { what: 'an empty body', path: 'read, then Yoga', body: () => '' },
    { what: 'a large body that is not JSON', path: 'read, then Yoga', body: () => `{"query": "{ serverVersion }"${' '.repeat(200_000)}, oops` },
  ];

  for (const { what, path, headers = {}, body } of cases) {
    it(`answers ${what} as Yoga does (${path})`, async () => {
      const sent = body();
      const allHeaders = Object.fromEntries(
        Object.entries({ 'content-type': 'application/json', authorization: `Bearer ${token()}`, 'x-request-id': `req-${what.length}`, ...headers }).filter(([, value]) => value !== ''),
      );
      const answered = async (send: () => Promise<Response>) => {
        gateway.calls.length = 0;
        const response = await send();
        const text = await response.text();
        return {
          status: response.status,
          contentType: response.headers.get('content-type'),
          requestId: response.headers.get('x-request-id'),
          allow: response.headers.get('allow'),
          authenticate: response.headers.get('www-authenticate'),
          body: text ? (JSON.parse(text) as unknown) : text,
          calls: countCalls(gateway.calls),
        };
      };
      logged.length = 0;
      const viaYoga = await answered(async () => gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { ...allHeaders }, body: sent }));
      const loggedViaYoga = operationLines();
      const serve = vi.spyOn(GraphQLPost.prototype, 'serve');
      const handOver = vi.spyOn(GraphQLPost.prototype as unknown as { viaYoga: () => void }, 'viaYoga');
      try {
        const viaSocket = await answered(() => fetch(server.http, { method: 'POST', headers: { ...allHeaders }, body: sent }));
        expect(viaSocket).toEqual(viaYoga);
        expect(operationLines()).toEqual(loggedViaYoga);
        expect(loggedViaYoga).toHaveLength(1);
        expect({ read: serve.mock.calls.length, handedOver: handOver.mock.calls.length }).toEqual({
          read: path === 'Yoga' ? 0 : 1,
          handedOver: path === 'read, then Yoga' ? 1 : 0,
        });
      } finally {
        serve.mockRestore();
        handOver.mockRestore();
      }
    });
  }

  it('logs a request whose body never came in full, once, as a bad request', async () => {
    logged.length = 0;
    const { port } = new URL(server.http);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(`POST /graphql HTTP/1.1\r\nhost: gateway\r\ncontent-type: application/json\r\ncontent-length: 100\r\nx-request-id: cut-short\r\n\r\n{"query":`);
    socket.destroy();
    await closed;
    await untilLogged('operation');
    expect(operationLines()).toEqual([expect.objectContaining({ requestId: 'cut-short', rejected: 'bad_request', errors: ['BAD_REQUEST'], upstreamCalls: 0 })]);
  });

  it('gives a request without an ID a fresh one on the plain path', async () => {
    const response = await fetch(server.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body: json({ query: '{ serverVersion }' }) });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ data: { serverVersion: expect.any(String) } });
  });
});
