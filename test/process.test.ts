import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SynapseSimulator } from '../simulator/server.js';
import type { Fixture } from './support/fixture.js';
import { startSimulator } from './support/simulator-driver.js';

const root = new URL('..', import.meta.url).pathname;

function startMain(env: Record<string, string>): ChildProcessWithoutNullStreams {
  // Each process its own data directory: the store's lock admits one gateway per directory.
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-data-'));
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env } });
}

/** Waits for the process to end and its output to be read to the end ('close', not 'exit'). */
async function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const [code] = (await once(child, 'close')) as [number | null];
  return code;
}

function wsQuery(client: Client, query: string) {
  return new Promise<{ data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query }, { next: (value) => (result = value), error: reject, complete: () => resolve(result as never) });
  });
}

describe('npm start (src/main.ts as a process)', () => {
  it('exits with code 2 and names every bad variable', async () => {
    const child = startMain({ PORT: 'eighty', SYNAPSE_TIMEOUT_MS: '-5' });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toContain('SYNAPSE_URL: is required');
    expect(stderr).toContain('PORT:');
    expect(stderr).toContain('SYNAPSE_TIMEOUT_MS:');
  });

  it('names the port in one line and exits with 1 when the port is taken', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const child = startMain({ SYNAPSE_URL: 'http://127.0.0.1:9', PORT: String(port), LOG_LEVEL: 'silent' });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    expect(await exitOf(child)).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`Cannot listen on 127.0.0.1:${port}: the port is already in use. Set PORT (and HOST) to a free one.`]);
    taken.close();
  });

  it('refuses a second gateway on a data directory another one holds, and takes over the lock of one killed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gateway-data-'));
    const first = startMain({ SYNAPSE_URL: 'http://127.0.0.1:9', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await new Promise<void>((resolve) =>
      createInterface({ input: first.stdout }).on('line', (line) => {
        if ((JSON.parse(line) as { msg: string }).msg === 'store open') resolve();
      }),
    );
    const second = startMain({ SYNAPSE_URL: 'http://127.0.0.1:9', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    let stderr = '';
    second.stderr.on('data', (chunk) => (stderr += chunk));
    expect(await exitOf(second)).toBe(2);
    expect(stderr.trim()).toBe(
      `The data directory ${dataDir} is in use by another process (pid ${first.pid}). Stop it, or give this gateway its own DATA_DIR; ` +
        'several gateways share one store only through DATABASE_URL (PostgreSQL).',
    );
    first.kill('SIGKILL');
    await exitOf(first);
    const third = startMain({ SYNAPSE_URL: 'http://127.0.0.1:9', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await new Promise<void>((resolve) =>
      createInterface({ input: third.stdout }).on('line', (line) => {
        if ((JSON.parse(line) as { msg: string }).msg === 'store open') resolve();
      }),
    );
    third.kill('SIGTERM');
    expect(await exitOf(third)).toBe(0);
    // Three gateway processes, the first with PGlite's initdb: slow on a busy machine.
  }, 120_000);

  it('gives up on requests still running after SHUTDOWN_TIMEOUT_MS, and exits', async () => {
    const { sim, url, fixture } = await startSimulator();
    const child = startMain({ SYNAPSE_URL: url, PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '2000', SYNAPSE_TIMEOUT_MS: '60000' });
    const endpoint = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg: string; url: string };
        if (entry.msg === 'gateway listening') resolve(entry.url);
      }),
    );
    sim.inject({ path: /^\/_synapse\/admin\/v1\/rooms\/[^/]+$/, respond: 'hang' });
    const stuck = fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` },
      body: JSON.stringify({ query: `{ room(roomId: "${fixture.rooms.general}") { topic } }` }),
    }).then(
      () => 'answered',
      () => 'cut',
    );
    await expect.poll(() => sim.inFlight).toBe(1);
    child.kill('SIGTERM');
    // Synapse would hold it for 60 s; the gateway cuts it at the end of its grace period and exits.
    expect(await exitOf(child)).toBe(0);
    expect(await stuck).toBe('cut');
    // Its upstream call was abandoned with it.
    await expect.poll(() => sim.inFlight).toBe(0);
    await sim.close();
  });

  describe('serving', () => {
    let sim: SynapseSimulator;
    let fixture: Fixture;
    let child: ChildProcessWithoutNullStreams;
    let endpoint: string;
    const logs: Record<string, unknown>[] = [];

    beforeAll(async () => {
      const started = await startSimulator();
      sim = started.sim;
      fixture = started.fixture;
      child = startMain({ SYNAPSE_URL: started.url, PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '20000', SYNAPSE_TIMEOUT_MS: '60000' });
      const lines = createInterface({ input: child.stdout });
      endpoint = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
        lines.on('line', (line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'gateway listening') resolve(String(entry.url));
        });
      });
    });
    afterAll(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await sim.close();
    });

    it('answers GraphQL over HTTP with the caller token', async () => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` },
        body: JSON.stringify({ query: '{ viewer { userId isAdmin } }' }),
      });
      expect(await response.json()).toEqual({ data: { viewer: { userId: fixture.admin.userId, isAdmin: true } } });
    });

    it('answers over graphql-ws on the same port and path, with the token from connectionParams', async () => {
      const wsUrl = endpoint.replace(/^http/, 'ws');
      const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${fixture.alice.token}` } });
      expect(await wsQuery(client, '{ viewer { userId isAdmin } }')).toEqual({ data: { viewer: { userId: fixture.alice.userId, isAdmin: false } } });
      await client.dispose();
      const anonymous = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
      // Refused before it runs: graphql-ws reports that as the operation's error message.
      const refused = (await wsQuery(anonymous, '{ viewer { userId } }').catch((errors: unknown) => errors)) as { extensions?: Record<string, unknown> }[];
      expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
      await anonymous.dispose();
    });

    it('serves GraphiQL, liveness and readiness', async () => {
      const page = await fetch(endpoint, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Synapse admin gateway');
      const base = new URL(endpoint).origin;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/readiness`)).status).toBe(200);
    });

    it('reports not ready while Synapse is unreachable', async () => {
      sim.inject({ path: /versions$/, respond: { status: 502, body: {} } });
      expect((await fetch(`${new URL(endpoint).origin}/readiness`)).status).toBe(503);
    });

    it('shuts down on SIGTERM: readiness 503 at once, SSE completed, WebSockets closed with 1001, requests under way finished', async () => {
      const origin = new URL(endpoint).origin;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${fixture.admin.token}` };
      // A query whose upstream call never answers keeps the gateway busy past the signal.
      sim.inject({ path: /^\/_synapse\/admin\/v1\/rooms\/[^/]+$/, respond: 'hang' });
      const stuck = fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query: `{ room(roomId: "${fixture.rooms.general}") { topic } }` }) }).then(
        async (response) => (await response.json()) as unknown,
        () => 'cut',
      );
      await expect.poll(() => sim.inFlight).toBe(1);
      // A subscription over SSE, and one over WebSocket, on a delete that will not move.
      const task = sim.deletes.start(fixture.rooms.space, { block: false, purge: true, forcePurge: false, newRoomUserId: null, roomName: '', message: '', requester: fixture.admin.userId });
      const subscription = `subscription { deleteTask(deleteId: "${task.id}") { status } }`;
      const sse = await fetch(endpoint, { method: 'POST', headers: { ...headers, accept: 'text/event-stream' }, body: JSON.stringify({ query: subscription }) });
      const sseText = sse.text();
      const socket = new WebSocket(endpoint.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const wsClosed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${fixture.admin.token}` } }));
      await new Promise((resolve) => socket.once('message', resolve));
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: subscription } }));
      await new Promise((resolve) => socket.once('message', resolve));

      child.kill('SIGTERM');
      expect(await wsClosed).toBe(1001);
      expect((await sseText).trimEnd().endsWith('event: complete\ndata:')).toBe(true);
      expect((await fetch(`${origin}/readiness`)).status).toBe(503);
      // The request under way is let finish.
      sim.releaseHung();
      expect(await stuck).toEqual({ data: { room: { topic: 'Everything and nothing' } } });
      expect(await exitOf(child)).toBe(0);
      expect(logs.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    });
  });
});
