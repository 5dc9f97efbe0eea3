import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { createYoga, Repeater, type YogaInitialContext } from 'graphql-yoga';
import { describe, expect, it, vi } from 'vitest';
import { useSharedSubscriptionExecution } from '../src/shared-subscriptions.js';

const caller = (context: unknown) => (context as YogaInitialContext).request.headers.get('authorization') ?? 'anonymous';

describe('shared subscription execution', () => {
  let resolverCalls = 0;
  let sourcesClosed = 0;
  const events = [{ n: 1 }, { n: 2 }, { n: 3 }];
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        counter: {
          type: new GraphQLObjectType({
            name: 'Counter',
            fields: {
              n: { type: GraphQLInt, resolve: (event: { n: number }) => (resolverCalls++, event.n) },
              // What a resolver reading with the context's token would see.
              seenBy: { type: GraphQLString, resolve: (_event, _args, context) => caller(context) },
            },
          }),
          // Every subscriber's source yields the very same event objects, as the delete-task hub does.
          subscribe: () =>
            new Repeater<{ n: number }>(async (push, stop) => {
              for (const event of events) await push(event);
              await stop;
              sourcesClosed++;
            }),
          resolve: (event: unknown) => event,
        },
      },
    }),
  });
  const yoga = createYoga({ schema, plugins: [useSharedSubscriptionExecution(caller)], logging: false });

  const subscribe = async (query: string, take: number, token = 'alice') => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query }),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/event: next/g) ?? []).length < take) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    return [...text.matchAll(/data: (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as { data: { counter: { n: number; seenBy?: string } } });
  };

  it('executes each event once per operation and caller, however many subscribers, and passes unsubscribing through', async () => {
    resolverCalls = 0;
    sourcesClosed = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => subscribe('subscription { counter { n } }', 3)));
    for (const result of results) expect(result.map((r) => r.data.counter.n)).toEqual([1, 2, 3]);
    // 3 events, 20 subscribers with one document and one token: 3 executions of the selection set, not 60.
    expect(resolverCalls).toBe(3);
    // A different document is executed on its own.
    await subscribe('subscription Other { counter { n } }', 3);
    expect(resolverCalls).toBe(6);
    await expect.poll(() => sourcesClosed).toBe(21);
  });

  it('serializes each shared result once for all its subscribers over SSE', async () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => subscribe('subscription Serialized { counter { n } }', 3)));
      for (const result of results) expect(result.map((r) => r.data.counter.n)).toEqual([1, 2, 3]);
      const ofResults = stringify.mock.calls.filter(([value]) => (value as { data?: { counter?: unknown } } | null)?.data?.counter !== undefined);
      // 3 events, 20 subscribers: 3 serializations, not 60.
      expect(ofResults).toHaveLength(3);
    } finally {
      stringify.mockRestore();
    }
  });

  it('never hands one caller what was resolved under another', async () => {
    resolverCalls = 0;
    const query = 'subscription { counter { n seenBy } }';
    const tokens = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'alice' : 'bob'));
    const results = await Promise.all(tokens.map((token) => subscribe(query, 3, token)));
    results.forEach((result, i) => {
      expect(result.map((r) => r.data.counter)).toEqual(events.map(({ n }) => ({ n, seenBy: tokens[i] })));
    });
    // Shared within each caller: 3 events for each of 2 callers.
    expect(resolverCalls).toBe(6);
  });
});
