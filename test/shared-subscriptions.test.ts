import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { createYoga, Repeater } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useSharedSubscriptionExecution } from '../src/shared-subscriptions.js';

describe('shared subscription execution', () => {
  it('executes each event once per operation, however many subscribers, and passes unsubscribing through', async () => {
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
              fields: { n: { type: GraphQLInt, resolve: (event: { n: number }) => (resolverCalls++, event.n) } },
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
    const yoga = createYoga({ schema, plugins: [useSharedSubscriptionExecution()], logging: false });
    const subscribe = async (query: string, take: number) => {
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while ((text.match(/event: next/g) ?? []).length < take) text += decoder.decode((await reader.read()).value);
      await reader.cancel();
      return [...text.matchAll(/data: (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as { data: { counter: { n: number } } });
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => subscribe('subscription { counter { n } }', 3)));
    for (const result of results) expect(result.map((r) => r.data.counter.n)).toEqual([1, 2, 3]);
    // 3 events, 20 subscribers with one document: 3 executions of the selection set, not 60.
    expect(resolverCalls).toBe(3);
    // A different document is executed on its own.
    await subscribe('subscription Other { counter { n } }', 3);
    expect(resolverCalls).toBe(6);
    await expect.poll(() => sourcesClosed).toBe(21);
  });
});
