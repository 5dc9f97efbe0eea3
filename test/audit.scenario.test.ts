import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { errorCode, scenarioGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const AuditFor = graphql(`
  query AuditFor($target: String, $action: String, $actor: String, $first: Int, $after: String) {
    auditLog(target: $target, action: $action, actor: $actor, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at actor action target arguments outcome errorCode message requestId jobId recovery } }
    }
  }
`);
const Delete = graphql(`mutation AuditedDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId } }`);
const ResetPassword = graphql(`mutation AuditedReset($userId: ID!, $password: String!) { resetPassword(userId: $userId, newPassword: $password) { userId } }`);
const Deactivate = graphql(`mutation AuditedDeactivate($userId: ID!) { deactivateUser(userId: $userId) { userId deactivated } }`);
const Block = graphql(`mutation AuditedBlock($roomId: ID!) { blockRoom(roomId: $roomId) { blocked } }`);
const Jobs = graphql(`query AuditJobs { jobs(first: 5) { totalCount } }`);
const PlanAsNobody = graphql(`mutation PlanAsNobody { planPurgeEmptyRooms { id } }`);

describeScenario('audit log', (target) => {
  const gateway = scenarioGateway(target);
  const audit = async (variables: Parameters<typeof gateway.execute<unknown, { target?: string; action?: string; actor?: string; first?: number; after?: string }>>[1]) => {
    const { data, errors } = await gateway.execute(AuditFor, variables);
    if (errors) throw new Error(JSON.stringify(errors));
    return data!.auditLog;
  };

  it('keeps what an undo needs of a room before deleting it, in the one entry of the delete', async () => {
    const { alice, bob, admin } = target().fixture;
    const alias = `audited-${randomBytes(3).toString('hex')}`;
    const roomId = await target().driver.createRoom(alice.token, { name: 'Audited room', topic: 'Before the fall', alias, public: true });
    await target().driver.join(bob.token, roomId);
    const started = await gateway.execute(Delete, { roomId });
    expect(started.errors).toBeUndefined();
    const log = await audit({ target: roomId });
    expect(log.totalCount).toBe(1);
    const entry = log.edges[0]!.node;
    expect(entry).toMatchObject({ actor: admin.userId, action: 'deleteRoom', outcome: 'OK', errorCode: null, jobId: null, arguments: { block: false, purge: true, force_purge: false } });
    expect(entry.requestId).toEqual(expect.any(String));
    expect(entry.recovery).toMatchObject({
      roomId,
      source: 'current state',
      name: 'Audited room',
      topic: 'Before the fall',
      canonicalAlias: `#${alias}:${target().fixture.serverName}`,
      joinRules: 'public',
      creator: alice.userId,
      members: { [alice.userId]: 'join', [bob.userId]: 'join' },
      blocked: false,
    });
    expect((entry.recovery as { powerLevels: { users: Record<string, number> } }).powerLevels.users[alice.userId]).toBe(100);
  });

  it('records arguments but never a password, failures with their code, and nothing for a request refused before any call', async () => {
    const user = await target().driver.register(`audited-${randomBytes(3).toString('hex')}`);
    const secret = `s3cret-${randomBytes(6).toString('hex')}`;
    expect((await gateway.execute(ResetPassword, { userId: user.userId, password: secret })).errors).toBeUndefined();
    const [reset] = (await audit({ target: user.userId, action: 'resetPassword' })).edges;
    expect(reset!.node).toMatchObject({ outcome: 'OK', arguments: { logoutDevices: true } });
    expect(JSON.stringify(reset!.node)).not.toContain(secret);

    const ghost = `@ghost-${randomBytes(3).toString('hex')}:${target().fixture.serverName}`;
    expect(errorCode(await gateway.execute(Deactivate, { userId: ghost }))).toBe('NOT_FOUND');
    const [failed] = (await audit({ target: ghost })).edges;
    expect(failed!.node).toMatchObject({ action: 'deactivateUser', outcome: 'FAILED', errorCode: 'NOT_FOUND', arguments: { erase: false } });
    expect(failed!.node.message).toEqual(expect.any(String));

    const remote = '@someone:elsewhere.example';
    expect(errorCode(await gateway.execute(Deactivate, { userId: remote }))).toBe('BAD_USER_INPUT');
    expect((await audit({ target: remote })).totalCount).toBe(0);
  });

  it('pages newest first without repeating entries written meanwhile, and filters by actor and action', async () => {
    const rooms = await Promise.all([1, 2, 3].map((n) => target().driver.createRoom(target().fixture.alice.token, { name: `Blocked ${n}` })));
    for (const roomId of rooms) await gateway.execute(Block, { roomId });
    const first = await audit({ action: 'blockRoom', first: 2 });
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    // A new entry arrives between the pages: the next page goes on where the first stopped.
    const later = await target().driver.createRoom(target().fixture.alice.token, { name: 'Blocked later' });
    await gateway.execute(Block, { roomId: later });
    const second = await audit({ action: 'blockRoom', first: 2, after: first.pageInfo.endCursor! });
    const seen = [...first.edges, ...second.edges].map(({ node }) => node.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(first.edges.map(({ node }) => node.target)).toEqual([rooms[2], rooms[1]]);
    expect(second.edges[0]!.node.target).toBe(rooms[0]);
    const ids = seen.map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await audit({ actor: target().fixture.admin.userId, action: 'blockRoom' })).totalCount).toBeGreaterThanOrEqual(4);
    expect((await audit({ actor: target().fixture.alice.userId })).totalCount).toBe(0);
  });

  it('is for server admins only, like jobs', async () => {
    const { alice } = target().fixture;
    expect(errorCode(await gateway.execute(AuditFor, {}, alice.token))).toBe('FORBIDDEN');
    expect(errorCode(await gateway.execute(Jobs, {}, alice.token))).toBe('FORBIDDEN');
    expect(errorCode(await gateway.execute(PlanAsNobody, {}, alice.token))).toBe('FORBIDDEN');
  });
});
