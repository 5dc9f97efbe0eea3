import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startClockedGateway, type ClockedGateway } from './support/gateway.js';
import { simulatorDriver } from './support/simulator-driver.js';

// The README's copy-paste examples, run for real so they cannot rot. The simulator and the delete polls run on a
// manual clock: a delete moves only when the test moves time, whatever the load on the machine.
describe('README examples', () => {
  let setup: ClockedGateway;
  let sim: ClockedGateway['sim'];
  let clock: ClockedGateway['clock'];
  let fixture: ClockedGateway['fixture'];
  let hub: ClockedGateway['hub'];
  let gateway: ClockedGateway['gateway'];
  let server: ClockedGateway['server'];

  beforeAll(async () => {
    setup = await startClockedGateway({ simulator: { deleteTimings: { launchDelayMs: 5, kickMsPerUser: 20, purgeMs: 60, relaunchDelayMs: 20 } } });
    ({ sim, clock, fixture, hub, gateway, server } = setup);
  });
  afterAll(() => setup.close());

  /** Collects a child's output; resolves with its exit code once it ended and its output was read. */
  function watch(child: ChildProcess) {
    const state = { output: '', exited: false };
    child.stdout!.on('data', (chunk) => (state.output += chunk));
    child.stderr?.on('data', (chunk) => (state.output += chunk));
    const code = new Promise<number | null>((resolve) => child.once('close', (exitCode) => ((state.exited = true), resolve(exitCode))));
    return { state, code };
  }

  /** Moves time in poll-sized steps until `done`, letting the gateway and the other process answer in between. */
  async function driveUntil(done: () => boolean) {
    for (let step = 0; step < 20_000 && !done(); step++) {
      await hub.settled();
      await new Promise((resolve) => setTimeout(resolve, 1));
      clock.advance(10);
    }
  }

  it('npm run delete-room: deletes a room and follows it over graphql-ws to COMPLETE', { timeout: 120_000 }, async () => {
    const roomId = await simulatorDriver(sim).createRoom(fixture.alice.token, { name: 'Scripted delete' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/delete-room.ts', roomId, '--block'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? '', GATEWAY_URL: server.http, TOKEN: fixture.admin.token },
    });
    const { state, code } = watch(child);
    // Time stands still until the script has started the delete and subscribed to it.
    await vi.waitFor(() => expect(state.exited || (hub.watched.length > 0 && /started/.test(state.output))).toBe(true), { timeout: 60_000, interval: 5 });
    await driveUntil(() => state.exited);
    expect(await code).toBe(0);
    expect(state.output).toMatch(/delete \S+ started \(SCHEDULED\)/);
    expect(state.output).toMatch(/COMPLETE kicked=1/);
    expect(sim.hs.rooms.has(roomId)).toBe(false);
    expect(sim.hs.blocked.get(roomId)).toBe(fixture.admin.userId);
  });

  it('curl over SSE: the stream README shows', { timeout: 120_000 }, async () => {
    const roomId = await simulatorDriver(sim).createRoom(fixture.alice.token, { name: 'Watched with curl' });
    const started = await gateway.executeRaw(`mutation { deleteRoom(roomId: "${roomId}") { deleteId } }`);
    const deleteId = (started.data as { deleteRoom: { deleteId: string } }).deleteRoom.deleteId;
    const curl = spawn('curl', [
      '-sN', server.http, '-H', 'accept: text/event-stream', '-H', 'content-type: application/json', '-H', `authorization: Bearer ${fixture.admin.token}`,
      '-d', JSON.stringify({ query: `subscription { deleteTask(deleteId: "${deleteId}") { status } }` }),
    ]);
    const { state, code } = watch(curl);
    // The first event (the task as it is: still scheduled, time has not moved) before anything else happens.
    await vi.waitFor(() => expect(state.exited || state.output.includes('event: next')).toBe(true), { timeout: 60_000, interval: 5 });
    expect(state.output.match(/event: next\ndata: (.*)/)?.[1]).toBe('{"data":{"deleteTask":{"status":"SCHEDULED"}}}');
    await driveUntil(() => state.exited);
    expect(await code).toBe(0);
    expect(state.output).toContain('data: {"data":{"deleteTask":{"status":"COMPLETE"}}}');
    expect(state.output.trimEnd().endsWith('event: complete\ndata:')).toBe(true);
  });
});
