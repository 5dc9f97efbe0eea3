import { request as httpRequest } from 'node:http';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SynapseSimulator } from '../simulator/server.js';
import { defaultLimits } from '../src/limits.js';
import type { Fixture } from './support/fixture.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';

describe('a locked-down edge', () => {
  let sim: SynapseSimulator;
  let url: string;
  let fixture: Fixture;
  const gateways: TestGateway[] = [];
  const gatewayWith = (options: Parameters<typeof createTestGateway>[4]) => {
    const created = createTestGateway(url, fixture.admin.token, {}, {}, options);
    gateways.push(created);
    return created;
  };
  beforeAll(async () => {
    ({ sim, url, fixture } = await startSimulator());
  });
  afterAll(async () => {
    for (const created of gateways) await created.close();
    await sim.close();
  });

  const preflight = (gateway: TestGateway, origin: string) =>
    gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('allows no cross-origin access unless CORS_ORIGINS lists the origin', async () => {
    const closed = gatewayWith({});
    const denied = await preflight(closed, 'https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const response = await closed.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` },
      body: JSON.stringify({ query: '{ viewer { userId } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();

    const open = gatewayWith({ corsOrigins: ['https://admin.example.org'] });
    const allowed = await preflight(open, 'https://admin.example.org');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.org');
    expect((await preflight(open, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('never executes what a browser sends cross-site without a preflight (form, multipart, text/plain), even with a token', async () => {
    const gateway = gatewayWith({});
    gateway.calls.length = 0;
    const mutation = `mutation { blockRoom(roomId: "${fixture.rooms.general}") { blocked } }`;
    const bodies: [string, BodyInit][] = [
      ['application/x-www-form-urlencoded', new URLSearchParams({ query: mutation }).toString()],
      ['text/plain', JSON.stringify({ query: mutation })],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: mutation })}\r\n--x--\r\n`],
    ];
    for (const [contentType, body] of bodies) {
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${fixture.admin.token}` },
        body,
      });
      expect(response.status, contentType).toBe(403);
      expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'CSRF_PREVENTED' });
    }
    expect(gateway.calls).toEqual([]);
    expect(sim.hs.blocked.has(fixture.rooms.general)).toBe(false);
  });

  it('in production: no GraphiQL, no introspection unless INTROSPECTION=true, no field suggestions', async () => {
    const production = gatewayWith({ production: true });
    const page = await production.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<html');
    const introspection = await production.executeRaw('{ __schema { types { name } } }');
    expect(introspection.errors![0]!.message).toMatch(/introspection/i);
    const typo = await production.executeRaw('{ rooms { totalCont } }');
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
    // Over WebSocket too.
    const server = await listenTestGateway(production);
    const client = createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${fixture.admin.token}` } });
    const overSocket = await new Promise((resolve) => client.subscribe({ query: '{ __type(name: "Room") { name } }' }, { next: resolve, error: resolve, complete: () => {} }));
    expect(JSON.stringify(overSocket)).toMatch(/introspection/i);
    await client.dispose();
    await server.close();

    const explicit = gatewayWith({ production: true, introspection: true });
    expect((await explicit.executeRaw('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const development = gatewayWith({});
    expect((await development.executeRaw('{ rooms { totalCont } }')).errors![0]!.message).toMatch(/Did you mean "totalCount"/);
  });

  it('serves GraphiQL compressed and cacheable, outside production', async () => {
    const gateway = gatewayWith({ graphiqlHeaders: { Authorization: 'Bearer demo' } });
    const first = await gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('br');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const compressed = Buffer.from(await first.arrayBuffer());
    expect(compressed.length).toBeLessThan(3 * 1024 * 1024);
    const gzip = await gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const again = await gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html', 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('honours a sane x-request-id and echoes it, else makes one', async () => {
    const gateway = gatewayWith({});
    const given = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}`, 'x-request-id': 'req-42.abc' },
      body: JSON.stringify({ query: '{ viewer { userId } }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('req-42.abc');
    const made = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}`, 'x-request-id': 'bad id\twith spaces' },
      body: JSON.stringify({ query: '{ viewer { userId } }' }),
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('bounds the request body on a real socket, announced (Content-Length) or not (chunked), before any upstream call', async () => {
    const limit = 4096;
    const gateway = gatewayWith({ limits: { ...defaultLimits, maxRequestBytes: limit } });
    const server = await listenTestGateway(gateway);
    try {
      const post = (body: string, chunked: boolean) =>
        new Promise<{ status: number; body: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown } }>((resolve, reject) => {
          const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` };
          if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
          const sent = httpRequest(server.http, { method: 'POST', headers }, (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
          });
          sent.on('error', reject);
          // A chunked body goes in pieces, as a streaming client sends it.
          if (chunked) for (let at = 0; at < body.length; at += 1000) sent.write(body.slice(at, at + 1000));
          sent.end(chunked ? undefined : body);
        });
      // A query padded with a comment to exactly `bytes` bytes.
      const bodyOf = (bytes: number) => {
        const bare = JSON.stringify({ query: '{ viewer { userId } }\n#' });
        return JSON.stringify({ query: `{ viewer { userId } }\n#${'x'.repeat(bytes - bare.length)}` });
      };
      expect(bodyOf(limit).length).toBe(limit);
      gateway.calls.length = 0;
      for (const chunked of [false, true]) {
        const over = await post(bodyOf(limit + 1), chunked);
        expect({ chunked, status: over.status, code: over.body.errors?.[0]?.extensions?.code }).toEqual({ chunked, status: 413, code: 'REQUEST_ENTITY_TOO_LARGE' });
        expect(over.body.errors?.[0]?.message).toContain('MAX_REQUEST_BYTES');
        const far = await post(bodyOf(limit * 50), chunked);
        expect(far.status).toBe(413);
      }
      expect(gateway.calls).toEqual([]);
      for (const chunked of [false, true]) {
        const atLimit = await post(bodyOf(limit), chunked);
        expect({ chunked, status: atLimit.status, body: atLimit.body }).toEqual({ chunked, status: 200, body: { data: { viewer: { userId: fixture.admin.userId } } } });
      }
      // A Content-Length that is not one number (a smuggling attempt) is refused, whatever the body.
      const smuggled = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '10, 10', authorization: `Bearer ${fixture.admin.token}` },
        body: JSON.stringify({ query: '{ viewer { userId } }' }),
      });
      expect(smuggled.status).toBe(400);
      expect(((await smuggled.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    } finally {
      await server.close();
    }
  });
});
