import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SynapseSimulator } from '../simulator/server.js';
import type { Fixture } from './support/fixture.js';
import { startSimulator } from './support/simulator-driver.js';

const root = new URL('..', import.meta.url).pathname;

function startMain(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
}

async function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const [code] = (await once(child, 'exit')) as [number | null];
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
      child = startMain({ SYNAPSE_URL: started.url, PORT: '0', LOG_LEVEL: 'info' });
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

    it('shuts down cleanly on SIGTERM', async () => {
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
      expect(logs.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    });
  });
});
