import { readFileSync } from 'node:fs';
import { Kind, parse as parseGraphQL, print, type DocumentNode, type GraphQLError } from 'graphql';
import { estimateUpstreamCalls } from '../src/cost/estimate.js';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ManualClock } from '../simulator/clock.js';
import type { SynapseSimulator } from '../simulator/server.js';
import { DeleteTaskHub } from '../src/delete-task-hub.js';
import { defaultLimits } from '../src/limits.js';
import type { Fixture } from './support/fixture.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { startSimulator } from './support/simulator-driver.js';

/** A value of the right type for each variable an example declares. */
function sampleVariables(document: DocumentNode): Record<string, unknown> {
  const samples: Record<string, unknown> = { ID: '!room:example.org', String: 'x', Int: 10, Boolean: true };
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = print(variable.type);
      const named = type.replace(/[[\]!]/g, '');
      variables[variable.variable.name.value] = type.startsWith('[') ? [samples[named]] : samples[named];
    }
  }
  return variables;
}

type Outcome = { next: unknown[]; error?: unknown; complete: boolean };

/** Runs one operation on a graphql-ws client; resolves when it errors or completes. */
function run(client: Client, query: string, variables?: Record<string, unknown>): Promise<Outcome> & { outcome: Outcome } {
  const outcome: Outcome = { next: [], complete: false };
  const done = new Promise<Outcome>((resolve) =>
    client.subscribe(
      { query, variables },
      {
        next: (value) => void outcome.next.push(value),
        error: (error) => resolve(Object.assign(outcome, { error })),
        complete: () => resolve(Object.assign(outcome, { complete: true })),
      },
    ),
  );
  return Object.assign(done, { outcome });
}

describe('document limits (graphql-armor) and the subscription edge', () => {
  let sim: SynapseSimulator;
  let clock: ManualClock;
  let url: string;
  let fixture: Fixture;
  let gateway: TestGateway;
  let server: Awaited<ReturnType<typeof listenTestGateway>>;
  let client: Client;
  let hub: DeleteTaskHub;

  beforeAll(async () => {
    ({ sim, fixture, url, clock } = await startSimulator());
    hub = new DeleteTaskHub({ intervalMs: 100, timers: clock });
    gateway = createTestGateway(url, fixture.admin.token, {}, { deleteTaskHub: hub }, {
      limits: { ...defaultLimits, maxDeleteIds: 3, wsMaxSubscriptions: 2, wsMaxMessageBytes: 4096 },
    });
    await gateway.warmAdminCheck();
    server = await listenTestGateway(gateway);
    client = createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${fixture.admin.token}` } });
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
    await gateway.close();
    await sim.close();
  });

  const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

  it('refuses too many aliases, too deep a document, too many tokens or directives, before any call', async () => {
    gateway.calls.length = 0;
    const aliases = await gateway.executeRaw(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: serverVersion`).join(' ')} }`);
    expect(code(aliases)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(aliases.errors![0]!.message).toMatch(/Aliases limit of 30 exceeded/);
    // The schema is shallow (6 levels at most, introspection aside): the depth limit is shown on a low one.
    const shallow = createTestGateway(url, fixture.admin.token, {}, {}, { limits: { ...defaultLimits, maxDepth: 4 } });
    const deep = await shallow.executeRaw('{ rooms { edges { node { members { user { userId } } } } } }');
    expect(code(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors![0]!.message).toMatch(/depth limit of 4 exceeded/);
    expect(shallow.calls).toEqual([]);
    await shallow.close();
    const tokens = await gateway.executeRaw(`{ serverVersion ${' __typename'.repeat(2000)} }`);
    expect(code(tokens)).toBe('GRAPHQL_PARSE_FAILED');
    expect(tokens.errors![0]!.message).toMatch(/Token limit of 2000 exceeded/);
    const directives = await gateway.executeRaw(`{ serverVersion ${'@include(if: true)'.repeat(11)} }`);
    expect(code(directives)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(directives.errors![0]!.message).toMatch(/Directives limit of 10 exceeded/);
    expect(gateway.calls).toEqual([]);
  });

  it('lets every GraphQL example of the README through the default limits and budget', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    // Each operation of each ```graphql block, on its own.
    const documents = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((match) => parseGraphQL(match[1]!).definitions.map((definition) => print(definition)));
    expect(documents.length).toBeGreaterThanOrEqual(8);
    for (const document of documents) {
      const request = new Request('http://gateway.test/graphql', { method: 'POST', headers: { authorization: 'Bearer x' } });
      const { parse, validate, schema } = gateway.yoga.getEnveloped({ request });
      const parsed = parse(document);
      const errors: readonly GraphQLError[] = validate(schema, parsed);
      expect(errors.map((error) => error.message), document).toEqual([]);
      const estimate = estimateUpstreamCalls(schema, parsed, undefined, sampleVariables(parsed));
      expect(estimate, document).not.toBeNull();
      expect(estimate!.total, document).toBeLessThanOrEqual(defaultLimits.maxUpstreamCalls);
    }
  });

  it('bounds the delete IDs of one subscription', async () => {
    const result = await run(client, 'subscription($ids: [ID!]!) { deleteTasks(deleteIds: $ids) { status } }', { ids: ['a', 'b', 'c', 'd'] });
    expect(result.next).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/at most 3 per subscription \(MAX_DELETE_IDS\), got 4/) })] }]);
  });

  it('bounds the operations running at once on one connection, without dropping the others', async () => {
    const roomIds = [fixture.bulkRoomIds[0]!, fixture.bulkRoomIds[1]!];
    const deleteIds = roomIds.map((roomId) => sim.deletes.start(roomId, { block: false, purge: true, forcePurge: false, newRoomUserId: null, roomName: '', message: '', requester: fixture.admin.userId }).id);
    const watch = 'subscription($id: ID!) { deleteTask(deleteId: $id) { deleteId status } }';
    const first = run(client, watch, { id: deleteIds[0] });
    const second = run(client, watch, { id: deleteIds[1] });
    await expect.poll(() => first.outcome.next.length + second.outcome.next.length).toBe(2);
    const third = await run(client, '{ serverVersion }');
    expect(third.error).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/At most 2 operations may run at once on one connection \(WS_MAX_SUBSCRIPTIONS\)/) })]);
    expect(first.outcome.complete || first.outcome.error).toBeFalsy();
    // Once one ends, there is room again on the same connection.
    for (let step = 0; step < 2000 && !(first.outcome.complete && second.outcome.complete); step++) {
      await hub.settled();
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(100);
    }
    const firstDone = await first;
    const secondDone = await second;
    expect(firstDone.error ?? secondDone.error).toBeUndefined();
    const again = await run(client, '{ serverVersion }');
    expect(again.next).toEqual([{ data: { serverVersion: expect.any(String) } }]);
  });

  it('answers an oversized message or a syntax error with an error for that operation only', async () => {
    const big = await run(client, `query { serverVersion } # ${'x'.repeat(5000)}`);
    expect(big.error).toEqual([expect.objectContaining({ message: expect.stringMatching(/over the 4096 bytes allowed per subscribe message \(WS_MAX_MESSAGE_BYTES\)/) })]);
    const broken = await run(client, '{ serverVersion ');
    expect(broken.error).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' }, message: expect.stringMatching(/Syntax Error/) })]);
    const fine = await run(client, '{ serverVersion }');
    expect(fine.next).toEqual([{ data: { serverVersion: expect.any(String) } }]);
  });

  it('closes a connection whose frame is beyond any message limit (1009), and only that one', async () => {
    const socket = new WebSocket(server.ws, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (closeCode) => resolve(closeCode)));
    socket.send('x'.repeat(4096 * 16 + 1));
    expect(await closed).toBe(1009);
    const fine = await run(client, '{ serverVersion }');
    expect(fine.next).toHaveLength(1);
  });
});
