import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { countCalls, createTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const RoomsAndViewer = graphql(`
  query RoomsAndViewer($roomId: ID!) {
    viewer { userId isAdmin }
    room(roomId: $roomId) { name members { userId } }
  }
`);

describeScenario('authentication', (target) => {
  let gateway: TestGateway;
  beforeAll(() => {
    gateway = createTestGateway(target().url, undefined);
  });
  afterAll(() => gateway.close());

  it('refuses a request without a bearer token before calling Synapse', async () => {
    gateway.calls.length = 0;
    for (const authorization of [undefined, 'Basic YWRtaW46cHc=', 'Bearer', 'Bearer  ']) {
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: '{ viewer { userId } }' }),
      });
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0]!.message).toMatch(/Authorization: Bearer/);
    }
    expect(gateway.calls).toEqual([]);
  });

  it('passes on Synapse refusing an unknown token, without echoing the token', async () => {
    const token = 'syt_not_a_real_token_5f3a9c';
    gateway.calls.length = 0;
    const result = await gateway.execute(RoomsAndViewer, { roomId: target().fixture.rooms.general }, token);
    // Four calls' worth of query: the admin check goes first, and Synapse's refusal of whoami ends it.
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', synapse: { status: 401, errcode: 'M_UNKNOWN_TOKEN' } });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(countCalls(gateway.calls)).toEqual({ 'GET /_matrix/client/v3/account/whoami': 1 });
  });

  it('lets a non-admin see who they are, and answers FORBIDDEN for admin data', async () => {
    const { fixture } = target();
    const result = await gateway.execute(RoomsAndViewer, { roomId: fixture.rooms.general }, fixture.alice.token);
    expect(result.data).toEqual({ viewer: { userId: fixture.alice.userId, isAdmin: false }, room: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      path: ['room'],
      extensions: { code: 'FORBIDDEN', synapse: { status: 403, errcode: 'M_FORBIDDEN' } },
    });
  });

  it('never shares what one caller loaded with another, even concurrently', async () => {
    const { fixture } = target();
    const variables = { roomId: fixture.rooms.general };
    const [admin, alice, again] = await Promise.all([
      gateway.execute(RoomsAndViewer, variables, fixture.admin.token),
      gateway.execute(RoomsAndViewer, variables, fixture.alice.token),
      gateway.execute(RoomsAndViewer, variables, fixture.admin.token),
    ]);
    expect(admin.data!.room!.name).toBe('General');
    expect(again.data!.room!.members).toHaveLength(3);
    expect(alice.data!.room).toBeNull();
    expect(alice.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(alice.data!.viewer.userId).toBe(fixture.alice.userId);
  });
});
