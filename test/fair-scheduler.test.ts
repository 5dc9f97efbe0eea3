import { describe, expect, it } from 'vitest';
import { FairScheduler } from '../src/synapse/fair-scheduler.js';
import { clampRetryAfter, maxRetryAfterMs, retryAfterMs } from '../src/synapse/retry-after.js';

describe('fair sharing of upstream slots', () => {
  it('caps each caller at its share and serves waiting callers in turn', async () => {
    const scheduler = new FairScheduler(4, 2);
    const order: string[] = [];
    const take = (caller: string) => scheduler.acquire(caller).then((release) => (order.push(caller), release));
    // A heavy caller queues 6 calls first, then a light one asks for 1.
    const heavy = Array.from({ length: 6 }, () => take('heavy'));
    const light = take('light');
    await Promise.resolve();
    expect(scheduler.inFlight).toBe(3);
    expect(order).toEqual(['heavy', 'heavy', 'light']);
    expect(scheduler.queued).toBe(4);
    // Each release of a heavy slot lets the next heavy call in; never more than 2 at once.
    (await heavy[0]!)();
    (await heavy[1]!)();
    await Promise.resolve();
    expect(order).toEqual(['heavy', 'heavy', 'light', 'heavy', 'heavy']);
    expect(scheduler.inFlight).toBe(3);
    (await light)();
    for (const pending of heavy.slice(2)) (await pending)();
    expect(scheduler.inFlight).toBe(0);
    expect(scheduler.queued).toBe(0);
  });

  it('alternates between callers that both wait', async () => {
    const scheduler = new FairScheduler(1, 1);
    const order: string[] = [];
    const first = await scheduler.acquire('a');
    const waiting = [...['a', 'a', 'a'].map((c) => scheduler.acquire(c)), ...['b', 'b'].map((c) => scheduler.acquire(c))];
    const names = ['a', 'a', 'a', 'b', 'b'];
    waiting.forEach((pending, i) => void pending.then((release) => (order.push(names[i]!), release())));
    first();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('drops a waiting call whose operation gave up, with its reason', async () => {
    const scheduler = new FairScheduler(1, 1);
    const held = await scheduler.acquire('a');
    const controller = new AbortController();
    const waiting = scheduler.acquire('b', controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(scheduler.queued).toBe(0);
    held();
    expect(scheduler.inFlight).toBe(0);
  });
});

describe('Retry-After from Synapse', () => {
  it('reads the body first, then the header in seconds or as a date', () => {
    expect(retryAfterMs(1500, '2')).toBe(1500);
    expect(retryAfterMs(undefined, '3')).toBe(3000);
    expect(retryAfterMs(undefined, 'Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(retryAfterMs(undefined, undefined)).toBeUndefined();
  });

  it('ignores nonsense and caps absurd waits', () => {
    expect(clampRetryAfter(-5000)).toBeUndefined();
    expect(clampRetryAfter(Number.NaN)).toBeUndefined();
    expect(clampRetryAfter(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(clampRetryAfter(1e12)).toBe(maxRetryAfterMs);
    expect(clampRetryAfter(250.4)).toBe(250);
  });
});
