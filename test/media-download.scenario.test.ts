import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
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
    const gateway = createTestGateway(target().url, target().fixture.admin.token, {}, {}, { limits: { ...(await import('../src/limits.js')).defaultLimits, maxMediaBytes: 8 } });
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
