import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';
import { describeScenario } from './support/targets.js';

const run = promisify(execFile);

/** The script as an admin runs it: its own process, its own exit code, against a gateway on a real port. */
async function exportUser(gatewayUrl: string, token: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/export-user/main.ts', ...args], {
      env: { ...process.env, GATEWAY_URL: gatewayUrl, TOKEN: token },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

describeScenario('export-user', (target) => {
  let gateway: TestGateway;
  let server: Awaited<ReturnType<typeof listenTestGateway>>;
  let scratch: string;
  beforeAll(async () => {
    gateway = createTestGateway(target().url, undefined);
    server = await listenTestGateway(gateway);
    scratch = await mkdtemp(join(tmpdir(), 'export-user-'));
  });
  afterAll(async () => {
    await server.close();
    await gateway.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes everything Synapse holds on a user, media files and events included, and says so on stdout', async () => {
    const { fixture } = target();
    const { carol } = fixture.users;
    const out = join(scratch, 'carol');
    const result = await exportUser(server.http, fixture.admin.token, [carol.userId, '--out', out, '--media', '--events', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest).toMatchObject({ userId: carol.userId, complete: true, failures: [], counts: { media: 2, mediaFiles: 2, pushers: 1 } });
    expect(await readJson(join(out, 'manifest.json'))).toEqual(manifest);

    expect(await readJson(join(out, 'user_data/profile.json'))).toMatchObject({ userId: carol.userId, displayName: carol.displayName, admin: false, deactivated: false });
    const devices = (await readJson(join(out, 'user_data/devices.json'))) as { deviceId: string; displayName: string | null }[];
    for (const device of carol.devices) expect(devices).toContainEqual(expect.objectContaining({ deviceId: device.deviceId, displayName: device.name }));
    expect((await readJson(join(out, 'user_data/connections.json'))).length).toBeGreaterThan(0);
    expect(await readJson(join(out, 'user_data/threepids.json'))).toEqual([]);
    expect(await readJson(join(out, 'user_data/pushers.json'))).toEqual([expect.objectContaining({ pushkey: carol.pusher.pushkey, appId: carol.pusher.appId })]);
    expect(await readJson(join(out, 'user_data/memberships.json'))).toContainEqual({ roomId: carol.room, membership: 'join' });
    expect((await readJson(join(out, 'user_data/account_data/global.json')))[carol.globalAccountData.type]).toEqual(carol.globalAccountData.content);
    expect((await readJson(join(out, `user_data/account_data/${carol.room}.json`)))[carol.roomAccountData.type]).toEqual(carol.roomAccountData.content);

    for (const file of carol.media) {
      expect(await readJson(join(out, `media_ids/${file.mediaId}.json`))).toMatchObject({ mediaId: file.mediaId, mediaLength: file.content.length, uploadName: file.fileName });
      expect(await readFile(join(out, `media/${file.mediaId}`))).toEqual(file.content);
    }

    const events = (await readFile(join(out, `rooms/${carol.room}/events.jsonl`), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const bodies = events.filter((e) => e.type === 'm.room.message').map((e) => e.content.body);
    expect(bodies).toEqual(expect.arrayContaining(['Cheap watches, click here', 'You all read terrible books']));
    // Carol created the room: her export starts at her join, right after the create event.
    expect(events[0]).toMatchObject({ type: 'm.room.member', state_key: carol.userId, content: { membership: 'join' }, room_id: carol.room });
    expect(events.every((e) => typeof e.event_id === 'string' && typeof e.origin_server_ts === 'number')).toBe(true);
    expect(manifest.counts.events).toBe(events.length);

    // And against Synapse's own answers, read directly.
    const synapse = async (path: string) =>
      (await (await fetch(new URL(path, target().url), { headers: { authorization: `Bearer ${fixture.admin.token}` } })).json()) as Record<string, unknown>;
    const user = encodeURIComponent(carol.userId);
    expect(devices.map((d) => d.deviceId).sort()).toEqual(((await synapse(`/_synapse/admin/v2/users/${user}/devices`)).devices as { device_id: string }[]).map((d) => d.device_id).sort());
    expect(manifest.counts.media).toBe((await synapse(`/_synapse/admin/v1/users/${user}/media`)).total);
    expect(manifest.counts.pushers).toBe((await synapse(`/_synapse/admin/v1/users/${user}/pushers`)).total);
    expect(Object.keys((await synapse(`/_synapse/admin/v1/users/${user}/memberships`)).memberships as object).sort()).toEqual(
      (await readJson(join(out, 'user_data/memberships.json'))).map((m: { roomId: string }) => m.roomId).sort(),
    );

    const readme = await readFile(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('What the admin API could not provide');
  });

  it("keeps only what the user was there for: a room's events before they joined stay out", async () => {
    const { fixture, driver } = target();
    const room = await driver.createRoom(fixture.admin.token, { name: 'Before and after', public: true });
    await driver.sendMessage(fixture.admin.token, room, 'said before the newcomer came');
    const newcomer = await driver.register(`newcomer-${Date.now().toString(36)}`, { displayName: 'Newcomer' });
    await driver.join(newcomer.token, room);
    await driver.sendMessage(fixture.admin.token, room, 'said while the newcomer was there');
    await driver.leave(newcomer.token, room);
    await driver.sendMessage(fixture.admin.token, room, 'said after the newcomer left');

    const out = join(scratch, 'newcomer');
    const result = await exportUser(server.http, fixture.admin.token, [newcomer.userId, '--out', out, '--events']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`exported ${newcomer.userId}`);
    const events = (await readFile(join(out, `rooms/${room}/events.jsonl`), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(events.filter((e) => e.type === 'm.room.message').map((e) => e.content.body)).toEqual(['said while the newcomer was there']);
    expect(events.filter((e) => e.type === 'm.room.member').map((e) => e.content.membership)).toEqual(['join', 'leave']);
    // Without --media the files are not fetched; their absence is said in the README.
    await expect(readdir(join(out, 'media'))).rejects.toThrow();
  });

  it('exits with codes that mean something: 3 no such user, 4 not an admin, 5 directory in use, 2 usage', async () => {
    const { fixture } = target();
    const ghost = await exportUser(server.http, fixture.admin.token, [`@ghost-of-nobody:${fixture.serverName}`, '--out', join(scratch, 'ghost')]);
    expect(ghost.code).toBe(3);
    // Nothing is created for a user who is not there.
    await expect(readdir(join(scratch, 'ghost'))).rejects.toThrow();

    const notAdmin = await exportUser(server.http, fixture.alice.token, [fixture.bob.userId, '--out', join(scratch, 'bob'), '--json']);
    expect(notAdmin.code).toBe(4);
    expect(JSON.parse(notAdmin.stdout)).toMatchObject({ complete: false, exitCode: 4 });

    const used = join(scratch, 'used');
    await rm(used, { recursive: true, force: true });
    await (await import('node:fs/promises')).mkdir(used);
    await writeFile(join(used, 'something'), 'x');
    expect((await exportUser(server.http, fixture.admin.token, [fixture.bob.userId, '--out', used])).code).toBe(5);

    expect((await exportUser(server.http, fixture.admin.token, [fixture.bob.userId])).code).toBe(2);
    expect((await exportUser(server.http, fixture.admin.token, ['bob', '--out', join(scratch, 'x')])).code).toBe(2);
  });
});

describe('export-user: a page of only rejected events [simulator]', () => {
  it('pages on past it: Synapse gives an empty page with an end token', async () => {
    const { sim, url, fixture } = await startSimulator();
    const gateway = createTestGateway(url, undefined);
    const server = await listenTestGateway(gateway);
    const out = await mkdtemp(join(tmpdir(), 'export-rejected-'));
    try {
      const { hs } = sim;
      const room = hs.createRoom({ creator: fixture.admin.userId, name: 'Contested', public: true });
      hs.setMembership(room, fixture.bob.userId, fixture.bob.userId, 'join');
      // A whole page of 1000 rejected events in the middle, then one that counts.
      for (let i = 0; i < 2500; i++) hs.sendMessage(room, fixture.bob.userId, `rejected ${i}`).rejected = true;
      hs.sendMessage(room, fixture.bob.userId, 'after the rejected ones');
      const result = await exportUser(server.http, fixture.admin.token, [fixture.bob.userId, '--out', join(out, 'bob'), '--events', '--json']);
      expect(result.code, result.stderr).toBe(0);
      const events = (await readFile(join(out, 'bob', `rooms/${room.roomId}/events.jsonl`), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(events.filter((e) => e.type === 'm.room.message').map((e) => e.content.body)).toEqual(['after the rejected ones']);
    } finally {
      await server.close();
      await gateway.close();
      await sim.close();
      await rm(out, { recursive: true, force: true });
    }
  });
});
