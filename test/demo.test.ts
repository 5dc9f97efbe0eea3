import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../simulator/clock.js';
import { seedDemo } from '../simulator/demo-data.js';
import { SynapseSimulator } from '../simulator/server.js';

describe('demo', () => {
  it('seeds a few hundred rooms: spaces, encrypted, empty, non-ASCII, remote members', () => {
    const sim = new SynapseSimulator({ clock: new ManualClock() });
    const summary = seedDemo(sim, { adminToken: 'demo-token' });
    const rooms = [...sim.hs.rooms.values()].map((room) => sim.hs.details(room));
    expect(summary.rooms).toBeGreaterThanOrEqual(300);
    expect(rooms.filter((r) => r.room_type === 'm.space').length).toBeGreaterThanOrEqual(10);
    expect(rooms.filter((r) => r.encryption).length).toBeGreaterThanOrEqual(50);
    expect(rooms.filter((r) => r.joined_members === 0).length).toBeGreaterThanOrEqual(20);
    expect(rooms.filter((r) => /[^\x00-\x7f]/.test(r.name ?? '')).length).toBeGreaterThanOrEqual(8);
    expect(rooms.filter((r) => r.joined_members !== r.joined_local_members).length).toBeGreaterThanOrEqual(50);
    expect(sim.hs.tokens.get('demo-token')).toBe('@admin:sim.test');
  });

  it('runs with `npm run demo`: GraphiQL pre-filled with the admin token, real data behind it', async () => {
    const token = 'syt_demo_test_token';
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? '', PORT: '0', DEMO_ADMIN_TOKEN: token, SIM_LATENCY_MS: '0' },
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`demo exited with ${code}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const match = line.match(/GraphiQL:\s+(\S+)/);
        if (match) resolve(match[1]!);
      });
    });
    const page = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain(`Bearer ${token}`);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { isAdmin } rooms(first: 1, empty: true) { totalCount } }' }),
    });
    const body = (await response.json()) as { data: { viewer: { isAdmin: boolean }; rooms: { totalCount: number } } };
    expect(body.data.viewer.isAdmin).toBe(true);
    expect(body.data.rooms.totalCount).toBeGreaterThanOrEqual(20);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
