import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { DeleteTaskHub } from '../src/delete-task-hub.js';
import { realTimers } from '../src/timers.js';
import { graphql } from './gql/index.js';
import { createTestGateway, listenTestGateway, type TestGateway } from './support/gateway.js';
import { describeScenario } from './support/targets.js';

const StartDelete = graphql(`mutation StartDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }`);
const watchOne = /* GraphQL */ `subscription WatchOne($deleteId: ID!) {
  deleteTask(deleteId: $deleteId) { deleteId roomId status isTerminal error shutdownRoom { kickedUsers newRoomId } }
}`;
const watchMany = /* GraphQL */ `subscription WatchMany($deleteIds: [ID!]!) { deleteTasks(deleteIds: $deleteIds) { deleteId status isTerminal } }`;

interface Event {
  data?: { deleteTask?: Record<string, unknown>; deleteTasks?: Record<string, unknown> } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface Stream {
  events: Event[];
  completed: boolean;
  failure?: unknown;
}

describeScenario('delete-task subscriptions over WebSocket and SSE', (target) => {
  let gateway: TestGateway;
  let hub: DeleteTaskHub;
  let server: Awaited<ReturnType<typeof listenTestGateway>>;

  beforeAll(async () => {
    hub = new DeleteTaskHub({ intervalMs: 50, timers: target().clock ?? realTimers });
    gateway = createTestGateway(target().url, target().fixture.admin.token, {}, { deleteTaskHub: hub });
    server = await listenTestGateway(gateway);
  });
  afterAll(async () => {
    await server.close();
    await gateway.close();
  });

  /** Time stands still until every subscriber has its first event (the handshake takes a few turns of the loop). */
  async function started(streams: Stream[]) {
    await vi.waitFor(() => expect(streams.every((s) => s.events.length > 0 || s.completed || s.failure)).toBe(true), { timeout: 10_000, interval: 5 });
  }

  /** Lets time pass until `done`: the simulator's clock in steps, or real time. */
  async function elapseUntil(done: () => boolean) {
    for (let step = 0; step < 2_000 && !done(); step++) {
      const { clock } = target();
      if (clock) {
        await hub.settled();
        await new Promise((resolve) => setImmediate(resolve));
        clock.advance(25);
      } else await target().elapse(25);
    }
  }

  /** Lets time pass until every stream completed. */
  async function until(streams: Stream[]) {
    await started(streams);
    await elapseUntil(() => streams.every((s) => s.completed || s.failure));
    for (const stream of streams) {
      expect(stream.failure).toBeUndefined();
      expect(stream.completed).toBe(true);
    }
  }

  /** `token: null` connects without one. */
  function overWebSocket(query: string, variables: Record<string, unknown>, token: string | null = target().fixture.admin.token): { stream: Stream; client: Client; complete: () => void } {
    const client = createClient({
      url: server.ws,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
    const stream: Stream = { events: [], completed: false };
    const complete = client.subscribe<Event['data']>({ query, variables }, {
      next: (event) => void stream.events.push(event as Event),
      error: (error) => void (stream.failure = error),
      complete: () => void (stream.completed = true),
    });
    return { stream, client, complete };
  }

  function overSse(query: string, variables: Record<string, unknown>): Stream {
    const stream: Stream = { events: [], completed: false };
    void (async () => {
      try {
        const response = await fetch(server.http, {
          method: 'POST',
          headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${target().fixture.admin.token}` },
          body: JSON.stringify({ query, variables }),
        });
        expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const kind = message.match(/^event: (\w+)/m)?.[1];
            const data = message.match(/^data: (.*)$/m)?.[1];
            if (kind === 'next' && data) stream.events.push(JSON.parse(data) as Event);
            if (kind === 'complete') stream.completed = true;
          }
        }
      } catch (error) {
        stream.failure = error;
      }
    })();
    return stream;
  }

  async function roomWithMember(name: string) {
    return target().driver.createRoom(target().fixture.alice.token, { name });
  }

  function expectTransitions(events: Event[], field: 'deleteTask' = 'deleteTask') {
    const tasks = events.map((e) => e.data![field]!);
    // A real Synapse may finish a small room's delete before a subscriber on a busy machine has read it once: then
    // its current state, COMPLETE, is the one event. The simulator's clock stands still until the first read.
    if (target().clock || tasks.length > 1) {
      expect(tasks.length).toBeGreaterThanOrEqual(2);
      expect(['SCHEDULED', 'ACTIVE']).toContain(tasks[0]!.status);
    }
    expect(tasks.at(-1)).toMatchObject({ status: 'COMPLETE', isTerminal: true, error: null });
    expect(tasks.slice(0, -1).every((t) => t.isTerminal === false)).toBe(true);
    const keys = tasks.map((t) => JSON.stringify([t.status, t.shutdownRoom]));
    for (let i = 1; i < keys.length; i++) expect(keys[i]).not.toBe(keys[i - 1]);
    return tasks;
  }

  it('streams a delete over graphql-ws from its current state to COMPLETE, then completes', async () => {
    const roomId = await roomWithMember('Watched over WS');
    const started = await gateway.execute(StartDelete, { roomId });
    const { stream, client } = overWebSocket(watchOne, { deleteId: started.data!.deleteRoom.deleteId });
    await until([stream]);
    const tasks = expectTransitions(stream.events);
    expect(tasks.at(-1)).toMatchObject({ roomId, shutdownRoom: { kickedUsers: [target().fixture.alice.userId] } });
    await client.dispose();
    expect(hub.watched).toEqual([]);
  });

  it('shares one stream among the graphql-ws subscribers of one operation and token; a late one starts from the latest state', async () => {
    const roomId = await roomWithMember('Watched by many');
    const { deleteId } = (await gateway.execute(StartDelete, { roomId })).data!.deleteRoom;
    // The first one's stream feeds the group; the second joins it.
    const first = overWebSocket(watchOne, { deleteId });
    await started([first.stream]);
    const second = overWebSocket(watchOne, { deleteId });
    // Another selection of the same task is another operation: a stream of its own.
    const other = overWebSocket('subscription Other($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId status } }', { deleteId });
    await started([second.stream, other.stream]);
    // The simulator holds the task until then: the hub serves one stream per operation, not one per subscriber.
    if (target().clock) expect(hub.stats.subscribers).toBe(2);
    expect(second.stream.events).toEqual(first.stream.events);
    // The subscriber whose stream feeds the others completes its subscription: the next one's stream takes over,
    // repeating nothing.
    first.complete();
    await first.client.dispose();
    await elapseUntil(() => second.stream.events.length >= 2 || second.stream.completed);
    const late = overWebSocket(watchOne, { deleteId });
    await until([second.stream, other.stream, late.stream]);
    expectTransitions(second.stream.events);
    expect(other.stream.events.at(-1)!.data!.deleteTask).toEqual({ deleteId, status: 'COMPLETE' });
    // The late one starts from the state the others had when it came (or a later one), then sees what they see.
    expect(late.stream.events.length).toBeGreaterThan(0);
    expect(second.stream.events.slice(-late.stream.events.length)).toEqual(late.stream.events);
    for (const { client } of [second, other, late]) await client.dispose();
    expect(hub.watched).toEqual([]);
  });

  it('streams the same over SSE', async () => {
    const roomId = await roomWithMember('Watched over SSE');
    const started = await gateway.execute(StartDelete, { roomId });
    const stream = overSse(watchOne, { deleteId: started.data!.deleteRoom.deleteId });
    await until([stream]);
    expectTransitions(stream.events);
  });

  it('streams many deletes in one subscription and completes when all are terminal', async () => {
    const roomIds = await Promise.all(['Bulk A', 'Bulk B', 'Bulk C'].map((name) => roomWithMember(name)));
    const deleteIds = [];
    for (const roomId of roomIds) deleteIds.push((await gateway.execute(StartDelete, { roomId })).data!.deleteRoom.deleteId);
    const { stream, client } = overWebSocket(watchMany, { deleteIds });
    await until([stream]);
    const byTask = new Map<string, string[]>();
    for (const event of stream.events) {
      const task = event.data!.deleteTasks!;
      byTask.set(String(task.deleteId), [...(byTask.get(String(task.deleteId)) ?? []), String(task.status)]);
    }
    expect([...byTask.keys()].sort()).toEqual([...deleteIds].sort());
    for (const statuses of byTask.values()) expect(statuses.at(-1)).toBe('COMPLETE');
    await client.dispose();
  });

  it('reports a failed delete with its reason, an unknown one as NOT_FOUND, and a missing token as UNAUTHENTICATED', async () => {
    const { fixture } = target();
    const roomId = await roomWithMember('Will fail');
    const response = await fetch(`${target().url}/_synapse/admin/v2/rooms/${encodeURIComponent(roomId)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${fixture.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ new_room_user_id: fixture.admin.userId, room_name: 5 }),
    });
    const { delete_id: deleteId } = (await response.json()) as { delete_id: string };
    const failing = overWebSocket(watchOne, { deleteId });
    const unknown = overWebSocket(watchOne, { deleteId: 'no-such-delete' });
    const anonymous = overWebSocket(watchOne, { deleteId }, null);
    await until([failing.stream, unknown.stream]);
    // Refused before it runs: an error message for that operation, nothing else.
    await vi.waitFor(() => expect(anonymous.stream.failure).toBeDefined());
    expect(anonymous.stream.failure).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(anonymous.stream.events).toEqual([]);
    expect(failing.stream.events.at(-1)!.data!.deleteTask).toMatchObject({ status: 'FAILED', isTerminal: true, error: "400: 'name' not a string type" });
    expect(unknown.stream.events).toHaveLength(1);
    expect(unknown.stream.events[0]!.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    for (const { client } of [failing, unknown, anonymous]) await client.dispose();
  });
});
