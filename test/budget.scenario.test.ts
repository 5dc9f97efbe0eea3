import { parse } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { estimateUpstreamCalls } from '../src/cost/estimate.js';
import { defaultLimits } from '../src/limits.js';
import { schema } from '../src/schema/index.js';
import { createTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

describeScenario('every operation has an upstream budget, known before it runs', (target) => {
  let gateway: TestGateway;
  let small: TestGateway;
  beforeAll(async () => {
    gateway = createTestGateway(target().url, target().fixture.admin.token);
    small = createTestGateway(target().url, target().fixture.admin.token, {}, {}, { limits: { ...defaultLimits, maxUpstreamCalls: 5 } });
    await gateway.warmAdminCheck();
    await small.warmAdminCheck();
  });
  afterAll(async () => {
    await gateway.close();
    await small.close();
  });

  it('refuses an operation estimated above MAX_UPSTREAM_CALLS before any call, saying what costs what', async () => {
    gateway.calls.length = 0;
    const result = await gateway.executeRaw('query($n: Int) { rooms(first: $n) { edges { node { topic members { userId } state { type } block { blocked } } } } }', { n: 1000 });
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_EXPENSIVE', estimatedUpstreamCalls: 4001, limit: 1000 });
    expect(result.errors![0]!.message).toContain('rooms.edges.node.members: 1,000 (room members, one per room)');
    expect(gateway.calls).toEqual([]);
    // Just under the limit it runs.
    const allowed = await gateway.executeRaw('{ rooms(first: 333) { totalCount edges { node { topic members { userId } state { type } } } } }');
    expect(allowed.errors).toBeUndefined();
  });

  it('holds the same budget while running where the cost depends on data: further calls fail, the rest stands', async () => {
    const { fixture } = target();
    // Estimated 3 calls (details, members, whoami) plus one user lookup per local member: General has 3.
    small.calls.length = 0;
    const result = await small.executeRaw('query($id: ID!) { room(roomId: $id) { name members { userId user { userId admin } } } }', { id: fixture.rooms.general });
    const room = (result.data as { room: { name: string; members: { userId: string; user: { userId: string } | null }[] } }).room;
    expect(room.name).toBe('General');
    expect(room.members).toHaveLength(3);
    expect(room.members.filter((member) => member.user !== null)).toHaveLength(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['room', 'members', expect.any(Number), 'user'], extensions: { code: 'QUERY_TOO_EXPENSIVE', limit: 5 } });
    expect(small.calls).toHaveLength(5);
  });

  it('estimates what the operation then really costs: the cost model is a contract', async () => {
    const { fixture } = target();
    const id = fixture.rooms.general;
    // Exact, except where Synapse may need a second call the estimate has to allow for (servers without the
    // scheduled-tasks API): there the estimate is an upper bound.
    const cases: [string, Record<string, unknown>, 'exact' | 'bound'][] = [
      ['{ rooms(first: 50) { totalCount edges { node { roomId name joinedMembers } } } }', {}, 'exact'],
      ['{ rooms(first: 50) { edges { node { topic avatar } } } }', {}, 'exact'],
      ['{ rooms(first: 50) { edges { node { members { userId displayName } state { type } } } } }', {}, 'exact'],
      ['{ rooms(first: 20) { edges { node { servers block { blocked } } } } }', {}, 'exact'],
      ['{ rooms(first: 20) { edges { node { deleteTasks { deleteId error } } } } }', {}, 'bound'],
      ['query($id: ID!) { a: room(roomId: $id) { name topic members { isLocal } } b: room(roomId: $id) { avatar servers block { blocked } } viewer { userId } serverVersion }', { id }, 'exact'],
      ['{ rooms(last: 10) { edges { node { topic } } } }', {}, 'exact'],
    ];
    for (const [query, variables, kind] of cases) {
      gateway.calls.length = 0;
      const { errors } = await gateway.executeRaw(query, variables);
      expect(errors, query).toBeUndefined();
      const estimate = estimateUpstreamCalls(schema, parse(query), undefined, variables)!.total;
      if (kind === 'exact') expect(gateway.calls.length, query).toBe(estimate);
      else expect(gateway.calls.length, query).toBeLessThanOrEqual(estimate);
    }
  });
});
