import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestGateway, errorCode, scenarioGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';
import { describeScenario } from './support/targets.js';

const Destinations = graphql(`
  query Destinations($first: Int, $after: String, $search: String, $orderBy: DestinationOrderField, $direction: OrderDirection) {
    destinations(first: $first, after: $after, search: $search, orderBy: $orderBy, direction: $direction) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing } }
    }
  }
`);

const Destination = graphql(`
  query Destination($name: String!) {
    destination(name: $name) {
      name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing
      rooms(first: 10) { totalCount edges { node { roomId name } } }
    }
  }
`);

const Reset = graphql(`
  mutation Reset($name: String!) { resetDestinationConnection(name: $name) { name isFailing retryInterval failureAt } }
`);

describeScenario('federation', (target) => {
  const gateway = scenarioGateway(target);

  it('answers "which servers is my server talking to?" in one query, failing ones with their backoff', async () => {
    const { failingDestination } = target().fixture.users;
    gateway.calls.length = 0;
    const { data, errors } = await gateway.execute(Destinations, {});
    expect(errors).toBeUndefined();
    // Retry state comes with the list: one call.
    expect(gateway.calls).toHaveLength(1);
    const failing = data!.destinations.edges.find((e) => e.node.name === failingDestination)?.node;
    expect(failing).toMatchObject({ isFailing: true, retryInterval: 600_000, lastSuccessfulStreamOrdering: null });
    expect(Math.abs(Date.parse(failing!.failureAt!) - target().now())).toBeLessThan(86_400_000);
    expect(failing!.retryLastAt).toBe(failing!.failureAt);

    const searched = await gateway.execute(Destinations, { search: 'unreachable' });
    expect(searched.data!.destinations.edges.map((e) => e.node.name)).toEqual([failingDestination]);
    const names = data!.destinations.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort());
    const backwards = await gateway.execute(Destinations, { orderBy: 'DESTINATION', direction: 'BACKWARD' });
    expect(backwards.data!.destinations.edges.map((e) => e.node.name)).toEqual([...names].sort().reverse());
    for (const orderBy of ['RETRY_LAST_TS', 'RETRY_INTERVAL', 'FAILURE_TS', 'LAST_SUCCESSFUL_STREAM_ORDERING'] as const) {
      const ordered = await gateway.execute(Destinations, { orderBy, direction: 'BACKWARD' });
      expect(ordered.errors, orderBy).toBeUndefined();
      expect(ordered.data!.destinations.edges.map((e) => e.node.name).sort(), orderBy).toEqual([...names].sort());
    }
    // Failing ones first, most recent failure first.
    const byFailure = (await gateway.execute(Destinations, { orderBy: 'FAILURE_TS', direction: 'BACKWARD' })).data!.destinations.edges.map((e) => e.node);
    const failures = byFailure.map((d) => (d.failureAt ? Date.parse(d.failureAt) : 0));
    expect(failures).toEqual([...failures].sort((a, b) => b - a));
  });

  it('looks one destination up with the rooms we share (none with a server never reached); unknown is null', async () => {
    const { failingDestination } = target().fixture.users;
    const { data, errors } = await gateway.execute(Destination, { name: failingDestination });
    expect(errors).toBeUndefined();
    expect(data!.destination).toMatchObject({ name: failingDestination, isFailing: true, rooms: { totalCount: 0, edges: [] } });
    expect((await gateway.execute(Destination, { name: 'never-heard-of.example' })).data!.destination).toBeNull();
    expect(errorCode(await gateway.execute(Destination, { name: '' }))).toBe('BAD_USER_INPUT');
  });

  it('resets a failing connection once; a healthy one is BAD_USER_INPUT with Synapse\'s reason, an unknown one NOT_FOUND', async () => {
    const name = `reset-${randomBytes(3).toString('hex')}.invalid`;
    await target().driver.contactServer(target().fixture.admin.token, name);
    const reset = await gateway.execute(Reset, { name });
    expect(reset.errors).toBeUndefined();
    expect(reset.data!.resetDestinationConnection).toEqual({ name, isFailing: false, retryInterval: 0, failureAt: null });
    const again = await gateway.execute(Reset, { name });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0]!.message).toMatch(/does not need to be reset/);
    expect(errorCode(await gateway.execute(Reset, { name: 'never-heard-of.example' }))).toBe('NOT_FOUND');
  });
});

// A real Synapse here has no federation peer to share a room with: the rooms of a destination are paged on the simulator.
describe('federation: the rooms shared with a destination [simulator]', () => {
  it('pages them as rooms, with room fields', async () => {
    const { sim, url, fixture } = await startSimulator();
    const gateway = createTestGateway(url, fixture.admin.token);
    try {
      const shared = fixture.bulkRoomIds.slice(0, 12);
      sim.hs.destinations.set('friendly.example', {
        destination: 'friendly.example',
        retryLastTs: 0,
        retryInterval: 0,
        failureTs: null,
        lastSuccessfulStreamOrdering: 4242,
        rooms: new Map(shared.map((roomId, i) => [roomId, i + 1])),
      });
      const { data, errors } = await gateway.execute(Destination, { name: 'friendly.example' });
      expect(errors).toBeUndefined();
      expect(data!.destination).toMatchObject({ isFailing: false, retryLastAt: null, failureAt: null, retryInterval: 0, lastSuccessfulStreamOrdering: 4242 });
      expect(data!.destination!.rooms!.totalCount).toBe(12);
      expect(data!.destination!.rooms!.edges.map((e) => e.node.roomId)).toEqual([...shared].sort().slice(0, 10));
      expect(data!.destination!.rooms!.edges.every((e) => typeof e.node.name === 'string')).toBe(true);
    } finally {
      await gateway.close();
      await sim.close();
    }
  });
});
