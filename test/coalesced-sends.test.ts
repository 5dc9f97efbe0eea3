import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { coalesceSends, sendHeld } from '../src/coalesced-sends.js';

/** A socket that records each write it makes (one per system call on a real one), and a client sending to it. */
function connection(holdMs: number) {
  const writes: string[][] = [];
  const socket = new Writable({
    writev(chunks, done) {
      writes.push(chunks.map(({ chunk }) => String(chunk)));
      done();
    },
    write(chunk, _encoding, done) {
      writes.push([String(chunk)]);
      done();
    },
  });
  const client = { send: (data: string, written?: (error?: Error | null) => void) => void socket.write(data, written) } as unknown as WebSocket;
  coalesceSends(client, socket as never, holdMs);
  const sent = (send: (written: (error?: Error) => void) => void) => new Promise<void>((resolve, reject) => send((error) => (error ? reject(error) : resolve())));
  return { writes, client, sent };
}

describe('coalesced WebSocket sends', () => {
  it('writes the frames of one pass of the event loop together', async () => {
    const { writes, client, sent } = connection(60_000);
    await Promise.all([sent((w) => client.send('a', w)), sent((w) => client.send('b', w)), sent((w) => client.send('c', w))]);
    expect(writes).toEqual([['a', 'b', 'c']]);
  });

  it('holds fan-out frames across passes until the hold ends, so frames of different moments share a write', async () => {
    const { writes, client, sent } = connection(30);
    const first = sent((w) => sendHeld(client, 'x', w));
    // The next pass of the event loop: a frame sent with setImmediate would be out by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([]);
    await Promise.all([first, sent((w) => sendHeld(client, 'y', w))]);
    expect(writes).toEqual([['x', 'y']]);
  });

  it('lets a frame that is not held take the held ones out with it, in order, without waiting for the hold', async () => {
    const { writes, client, sent } = connection(60_000);
    const held = sent((w) => sendHeld(client, 'state', w));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([held, sent((w) => client.send('answer', w))]);
    expect(writes).toEqual([['state', 'answer']]);
  });
});
