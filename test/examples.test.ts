import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SynapseSimulator } from '../simulator/server.js';
import { DeleteTaskHub } from '../src/delete-task-hub.js';
import type { Fixture } from './support/fixture.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { simulatorDriver, startSimulator } from './support/simulator-driver.js';
import { realClock } from '../simulator/clock.js';

// The README's copy-paste examples, run for real so they cannot rot.
describe('README examples', () => {
  let sim: SynapseSimulator;
  let fixture: Fixture;
  let gateway: TestGateway;
  let server: Awaited<ReturnType<typeof listenTestGateway>>;

  beforeAll(async () => {
    // Real time here: the example script is a separate process that waits for real events.
    let url: string;
    ({ sim, fixture, url } = await startSimulator({ clock: realClock, deleteTimings: { launchDelayMs: 5, kickMsPerUser: 20, purgeMs: 60, relaunchDelayMs: 20 } }));
    gateway = createTestGateway(url, fixture.admin.token, {}, { deleteTaskHub: new DeleteTaskHub({ intervalMs: 50 }) });
    server = await listenTestGateway(gateway);
  });
  afterAll(async () => {
    await server.close();
    await gateway.close();
    await sim.close();
  });

  it('npm run delete-room: deletes a room and follows it over graphql-ws to COMPLETE', async () => {
    const roomId = await simulatorDriver(sim).createRoom(fixture.alice.token, { name: 'Scripted delete' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/delete-room.ts', roomId, '--block'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? '', GATEWAY_URL: server.http, TOKEN: fixture.admin.token },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const [code] = await once(child, 'exit');
    expect(output).toMatch(/delete \S+ started \((SCHEDULED|ACTIVE)\)/);
    expect(output).toMatch(/COMPLETE kicked=1/);
    expect(code).toBe(0);
    expect(sim.hs.rooms.has(roomId)).toBe(false);
    expect(sim.hs.blocked.get(roomId)).toBe(fixture.admin.userId);
  });

  it('curl over SSE: the stream README shows', async () => {
    const roomId = await simulatorDriver(sim).createRoom(fixture.alice.token, { name: 'Watched with curl' });
    const started = await gateway.executeRaw(`mutation { deleteRoom(roomId: "${roomId}") { deleteId } }`);
    const deleteId = (started.data as { deleteRoom: { deleteId: string } }).deleteRoom.deleteId;
    const curl = spawn('curl', [
      '-sN', server.http, '-H', 'accept: text/event-stream', '-H', 'content-type: application/json', '-H', `authorization: Bearer ${fixture.admin.token}`,
      '-d', JSON.stringify({ query: `subscription { deleteTask(deleteId: "${deleteId}") { status } }` }),
    ]);
    let output = '';
    curl.stdout.on('data', (chunk) => (output += chunk));
    const [code] = await once(curl, 'exit');
    expect(code).toBe(0);
    expect(output).toMatch(/event: next\ndata: \{"data":\{"deleteTask":\{"status":"(SCHEDULED|ACTIVE)"\}\}\}/);
    expect(output).toContain('data: {"data":{"deleteTask":{"status":"COMPLETE"}}}');
    expect(output.trimEnd().endsWith('event: complete\ndata:')).toBe(true);
  });
});
