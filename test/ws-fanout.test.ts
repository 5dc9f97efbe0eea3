import type { ExecutionResult } from 'graphql';
import { Repeater } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { WsFanout, type FanoutSubscriber } from '../src/ws-fanout.js';

/** A socket that keeps what it was sent, and says it took a frame only when the test says so. */
class HeldSocket {
  readonly OPEN = 1;
  readyState = 1;
  readonly frames: { id: string; payload: ExecutionResult }[] = [];
  private readonly callbacks: ((error?: Error) => void)[] = [];
  send(frame: string, written: (error?: Error) => void) {
    const message = JSON.parse(frame) as { id: string; type: string; payload: ExecutionResult };
    expect(message.type).toBe('next');
    this.frames.push({ id: message.id, payload: message.payload });
    this.callbacks.push(written);
  }
  /** The socket took everything sent so far. */
  drain() {
    for (const written of this.callbacks.splice(0)) written();
  }
  get values() {
    return this.frames.map((frame) => (frame.payload.data as { n: number }).n);
  }
}

let moments = 0;

/** A stream the test pushes events into, with a record of whether (and in what order) it was started and ended. */
function source() {
  let push!: (n: number) => Promise<unknown>;
  let fail!: (error: Error) => void;
  let finish!: () => void;
  const state = { started: false, ended: false, startedAt: 0, endedAt: 0 };
  const stream = new Repeater<ExecutionResult>(async (pushEvent, stop) => {
    state.started = true;
    state.startedAt = ++moments;
    push = (n) => pushEvent({ data: { n } });
    fail = (error) => stop(error);
    finish = () => stop();
    await stop;
    state.ended = true;
    state.endedAt = ++moments;
  });
  return { stream, state, push: (n: number) => push(n), fail: (error: Error) => fail(error), finish: () => finish() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

function subscriber(id: string, socket: HeldSocket, stream: AsyncIterator<ExecutionResult>): FanoutSubscriber & { noted: number } {
  const entry = { id, socket: socket as unknown as WebSocket, stream, noted: 0, noteResult: () => void entry.noted++ };
  return entry;
}

describe('WebSocket fan-out', () => {
  it('feeds every subscriber of a key from one stream, one frame each with its own operation ID; a late one starts from the latest', async () => {
    const fanout = new WsFanout();
    const [a, b, late] = [new HeldSocket(), new HeldSocket(), new HeldSocket()];
    const [sa, sb, sl] = [source(), source(), source()];
    fanout.join('key', subscriber('1', a, sa.stream));
    fanout.join('key', subscriber('x"y', b, sb.stream));
    await turn();
    expect([sa.state.started, sb.state.started]).toEqual([true, false]);
    await sa.push(1);
    await turn();
    a.drain();
    b.drain();
    await sa.push(2);
    await turn();
    const lateOne = subscriber('7', late, sl.stream);
    fanout.join('key', lateOne);
    expect(fanout.streams).toBe(1);
    expect(a.values).toEqual([1, 2]);
    expect(b.values).toEqual([1, 2]);
    expect(b.frames.every((frame) => frame.id === 'x"y')).toBe(true);
    expect(late.values).toEqual([2]);
    expect(lateOne.noted).toBe(1);
    expect(sl.state.started).toBe(false);
  });

  it('gives a socket that has not taken its last frame only the latest state once it has, and that before the end', async () => {
    const fanout = new WsFanout();
    const [fast, slow] = [new HeldSocket(), new HeldSocket()];
    const feed = source();
    fanout.join('key', subscriber('1', fast, feed.stream));
    const slowEnd = fanout.join('key', subscriber('1', slow, source().stream)).next();
    for (const n of [1, 2, 3, 4]) {
      await feed.push(n);
      await turn();
      fast.drain();
    }
    expect(fast.values).toEqual([1, 2, 3, 4]);
    // Held on 1: 2 and 3 are skipped, 4 is owed.
    expect(slow.values).toEqual([1]);
    slow.drain();
    expect(slow.values).toEqual([1, 4]);
    await feed.push(5);
    await turn();
    await feed.push(6);
    await turn();
    feed.finish();
    // 5 and 6 came while 4 was out: 6, the latest, goes out before the stream ends for it.
    await expect(slowEnd).resolves.toEqual({ done: true, value: undefined });
    expect(slow.values).toEqual([1, 4, 6]);
  });

  it('hands over to the next subscriber\'s stream when the one feeding the group leaves, without repeating its first event', async () => {
    const fanout = new WsFanout();
    const [a, b] = [new HeldSocket(), new HeldSocket()];
    const [first, second] = [source(), source()];
    const leaving = fanout.join('key', subscriber('1', a, first.stream));
    const staying = fanout.join('key', subscriber('1', b, second.stream));
    const end = staying.next();
    await turn();
    await first.push(1);
    await turn();
    b.drain();
    await leaving.return!();
    await turn();
    // The next stream started before the first one ended: the hub's poll of the task never stopped.
    expect(second.state.startedAt).toBeGreaterThan(0);
    expect(second.state.startedAt).toBeLessThan(first.state.endedAt);
    // The new stream starts from the current state, which the group already sent; then moves on.
    await second.push(1);
    await turn();
    await second.push(2);
    await turn();
    second.finish();
    await end;
    expect(b.values).toEqual([1, 2]);
    expect(a.values).toEqual([1]);
  });

  it('ends every subscriber with the stream\'s failure, and forgets the key', async () => {
    const fanout = new WsFanout();
    const feed = source();
    const ends = [fanout.join('key', subscriber('1', new HeldSocket(), feed.stream)), fanout.join('key', subscriber('2', new HeldSocket(), source().stream))].map((it) => it.next());
    await turn();
    feed.fail(new Error('upstream went away'));
    for (const end of ends) await expect(end).rejects.toThrow('upstream went away');
    expect(fanout.streams).toBe(0);
  });

  it('ends every subscriber with the error when a frame cannot be made', async () => {
    const fanout = new WsFanout();
    const feed = source();
    const failing = { ...subscriber('1', new HeldSocket(), feed.stream), noteResult: () => { throw new Error('cannot note'); } };
    const ended = expect(fanout.join('key', failing).next()).rejects.toThrow('cannot note');
    await turn();
    void feed.push(1);
    await ended;
    expect(fanout.streams).toBe(0);
  });

  it('lets a stream that everyone left fail without touching the group that came after it', async () => {
    const fanout = new WsFanout();
    let failLate!: (error: Error) => void;
    const stubborn: AsyncIterator<ExecutionResult> = {
      next: () => new Promise((_resolve, reject) => (failLate = reject)),
      return: async () => ({ done: true, value: undefined }),
    };
    const gone = fanout.join('key', subscriber('1', new HeldSocket(), stubborn));
    await turn();
    await gone.return!();
    const socket = new HeldSocket();
    const feed = source();
    const end = fanout.join('key', subscriber('2', socket, feed.stream)).next();
    await turn();
    failLate(new Error('too late'));
    await turn();
    await feed.push(1);
    await turn();
    feed.finish();
    await expect(end).resolves.toEqual({ done: true, value: undefined });
    expect(socket.values).toEqual([1]);
  });

  it('stops the stream when the last subscriber leaves, and starts afresh for the next one', async () => {
    const fanout = new WsFanout();
    const [one, two] = [source(), source()];
    const only = fanout.join('key', subscriber('1', new HeldSocket(), one.stream));
    await turn();
    await only.return!();
    await turn();
    expect(one.state.ended).toBe(true);
    expect(fanout.streams).toBe(0);
    const socket = new HeldSocket();
    fanout.join('key', subscriber('1', socket, two.stream));
    await turn();
    await two.push(9);
    await turn();
    expect(socket.values).toEqual([9]);
  });
});
