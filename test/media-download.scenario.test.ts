import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SynapseSimulator } from '../simulator/server.js';
import { defaultLimits, type Limits } from '../src/limits.js';
import type { Fixture } from './support/fixture.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';
import { describeScenario } from './support/targets.js';

describeScenario('media download', (target) => {
  let gateway: TestGateway;
  let server: Awaited<ReturnType<typeof listenTestGateway>>;
  beforeAll(async () => {
    gateway = createTestGateway(target().url, target().fixture.admin.token);
    server = await listenTestGateway(gateway);
  });
  afterAll(async () => {
    await server.close();
    await gateway.close();
  });

  const get = (path: string, token: string | undefined = target().fixture.admin.token) =>
    fetch(new URL(path, server.http), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const mediaPath = (mediaId: string) => `/media/${target().fixture.serverName}/${mediaId}`;

  it("streams a user's upload to an admin, sandboxed, as Synapse stored it", async () => {
    for (const file of target().fixture.users.carol.media) {
      const response = await get(mediaPath(file.mediaId));
      expect(response.status, file.fileName).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(file.content);
      expect(response.headers.get('content-type')).toContain(file.contentType);
      expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toContain(file.fileName);
    }
  });

  it('refuses with the codes of the GraphQL API: no token 401, non-admin 403, bad ID 400, unknown 404', async () => {
    const { carol } = target().fixture.users;
    const codeOf = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
    const anonymous = await get(mediaPath(carol.media[0]!.mediaId), '');
    expect([anonymous.status, await codeOf(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');

    // Synapse would serve the file to any user: the gateway only to admins.
    const nonAdmin = await get(mediaPath(carol.media[0]!.mediaId), target().fixture.alice.token);
    expect([nonAdmin.status, await codeOf(nonAdmin)]).toEqual([403, 'FORBIDDEN']);

    gateway.calls.length = 0;
    const bad = await get(`/media/${target().fixture.serverName}/not..an%2Fid`);
    expect([bad.status, await codeOf(bad)]).toEqual([400, 'BAD_USER_INPUT']);
    expect(gateway.calls).toHaveLength(0);

    const unknown = await get(mediaPath('NoSuchMediaHere'));
    expect([unknown.status, await codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
  });
});

describeScenario('media download over MAX_MEDIA_BYTES', (target) => {
  it('is refused, not buffered', async () => {
    const gateway = createTestGateway(target().url, target().fixture.admin.token, {}, {}, { limits: { ...defaultLimits, maxMediaBytes: 8 } });
    const server = await listenTestGateway(gateway);
    try {
      const file = target().fixture.users.carol.media.find((m) => m.content.length > 8)!;
      const response = await fetch(new URL(`/media/${target().fixture.serverName}/${file.mediaId}`, server.http), { headers: { authorization: `Bearer ${target().fixture.admin.token}` } });
      expect(response.status).toBe(502);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UPSTREAM_ERROR');
      expect(body.errors[0]!.message).toContain('MAX_MEDIA_BYTES');
    } finally {
      await server.close();
      await gateway.close();
    }
  });
});

describe('media download: a download cannot hold its upstream slot [simulator]', () => {
  async function withGateway(limits: Partial<Limits>, timeoutMs: number, body: (setup: { sim: SynapseSimulator; fixture: Fixture; gateway: TestGateway; url: (mediaId: string) => URL }) => Promise<void>) {
    const { sim, url, fixture } = await startSimulator();
    const gateway = createTestGateway(url, fixture.admin.token, { timeoutMs }, {}, { limits: { ...defaultLimits, ...limits } });
    const server = await listenTestGateway(gateway);
    try {
      await gateway.warmAdminCheck();
      await body({ sim, fixture, gateway, url: (mediaId) => new URL(`/media/${fixture.serverName}/${mediaId}`, server.http) });
    } finally {
      await server.close();
      await gateway.close();
      await sim.close();
    }
  }
  /** Until the transport has no call in flight (bounded: the idle timeout is a fraction of it). */
  async function slotsFreed(gateway: TestGateway) {
    for (let i = 0; i < 200 && gateway.transport.scheduler.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return gateway.transport.scheduler.inFlight;
  }

  it('frees the slot of a client that stopped reading', async () => {
    await withGateway({}, 300, async ({ sim, fixture, gateway, url }) => {
      const mediaId = fixture.users.carol.media[0]!.mediaId;
      sim.inject({ path: /\/media\/download\//, respond: { bodyBytes: 256 * 1024 * 1024, declared: true } });
      const response = await fetch(url(mediaId), { headers: { authorization: `Bearer ${fixture.admin.token}` } });
      expect(response.status).toBe(200);
      // The client reads nothing more: backpressure stops the flow, the idle watchdog ends the download.
      expect(await slotsFreed(gateway)).toBe(0);
      expect(sim.faultBytesSent).toBeLessThan(256 * 1024 * 1024);
      await response.body?.cancel().catch(() => undefined);
    });
  });

  it('cuts a body without Content-Length at MAX_MEDIA_BYTES', async () => {
    await withGateway({ maxMediaBytes: 100 * 1024 }, 10_000, async ({ sim, fixture, gateway, url }) => {
      sim.inject({ path: /\/media\/download\//, respond: { bodyBytes: 64 * 1024 * 1024, declared: false } });
      const response = await fetch(url(fixture.users.carol.media[0]!.mediaId), { headers: { authorization: `Bearer ${fixture.admin.token}` } });
      // The status went out before the cap was reached: the client sees the body cut short.
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
      expect(await slotsFreed(gateway)).toBe(0);
      expect(sim.faultBytesSent).toBeLessThan(64 * 1024 * 1024);
    });
  });
});
