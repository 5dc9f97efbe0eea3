import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestGateway, scenarioGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';
import { describeScenario } from './support/targets.js';

const Tasks = graphql(`
  query Tasks($actionName: [String!], $resourceId: String, $status: [ScheduledTaskStatus!], $since: DateTime, $until: DateTime) {
    scheduledTasks(actionName: $actionName, resourceId: $resourceId, status: $status, since: $since, until: $until) {
      id action status rawStatus resourceId updatedAt result error
    }
  }
`);

describeScenario('scheduled tasks', (target) => {
  const gateway = scenarioGateway(target);

  it("shows Synapse's background tasks: a display-name change updates the user's rooms", async () => {
    const { carol } = target().fixture.users;
    gateway.calls.length = 0;
    const { data, errors } = await gateway.execute(Tasks, { resourceId: carol.userId });
    expect(errors).toBeUndefined();
    expect(gateway.calls).toHaveLength(1);
    expect(data!.scheduledTasks).toEqual([
      expect.objectContaining({ action: 'update_join_states', status: 'COMPLETE', rawStatus: 'complete', resourceId: carol.userId, error: null }),
    ]);
    expect(Math.abs(Date.parse(data!.scheduledTasks[0]!.updatedAt!) - target().now())).toBeLessThan(86_400_000);
  });

  it('filters by action, status and time (a list filter matches any of its values)', async () => {
    const { carol } = target().fixture.users;
    const updatedAt = (await gateway.execute(Tasks, { resourceId: carol.userId })).data!.scheduledTasks[0]!.updatedAt!;
    const ids = async (variables: Parameters<typeof gateway.execute<unknown, Record<string, unknown>>>[1]) =>
      (await gateway.execute(Tasks, { resourceId: carol.userId, ...variables })).data!.scheduledTasks.length;
    expect(await ids({ actionName: ['update_join_states', 'purge_room'] })).toBe(1);
    expect(await ids({ actionName: 'purge_room' })).toBe(0);
    expect(await ids({ status: ['COMPLETE', 'FAILED'] })).toBe(1);
    expect(await ids({ status: 'ACTIVE' })).toBe(0);
    expect(await ids({ since: updatedAt, until: updatedAt })).toBe(1);
    expect(await ids({ since: new Date(Date.parse(updatedAt) + 1).toISOString() })).toBe(0);
    expect(await ids({ until: new Date(Date.parse(updatedAt) - 1).toISOString() })).toBe(0);
    const all = await gateway.execute(Tasks, {});
    const stamps = all.data!.scheduledTasks.map((t) => Date.parse(t.updatedAt!));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('refuses UNKNOWN as a filter', async () => {
    const refused = await gateway.execute(Tasks, { status: ['UNKNOWN'] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('scheduled tasks on Synapse without that API [simulator]', () => {
  it('says NOT_SUPPORTED, not NOT_FOUND', async () => {
    const { sim, url, fixture } = await startSimulator({ withoutScheduledTasksApi: true });
    const gateway = createTestGateway(url, fixture.admin.token);
    try {
      const result = await gateway.execute(Tasks, {});
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_SUPPORTED', synapse: { status: 404, errcode: 'M_UNRECOGNIZED' } });
    } finally {
      await gateway.close();
      await sim.close();
    }
  });
});
