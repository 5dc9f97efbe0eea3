import { describe, expect, it } from 'vitest';
import { ManualClock } from '../simulator/clock.js';
import { PollLoop, ReadsInFlight, type PollOutcome } from '../src/poll-loop.js';

describe('poll loop (manual clock)', () => {
  /** Runs a loop whose polls answer `outcomes` in turn; returns the times it polled at. */
  async function times(outcomes: PollOutcome[], untilMs: number, stopAtMs?: number) {
    const clock = new ManualClock(0);
    const inFlight = new ReadsInFlight();
    const polledAt: number[] = [];
    const loop = new PollLoop({
      intervalMs: 100,
      maxIntervalMs: 800,
      timers: clock,
      inFlight,
      poll: async () => {
        polledAt.push(clock.now());
        return outcomes[Math.min(polledAt.length - 1, outcomes.length - 1)]!;
      },
    });
    await loop.pollNow();
    for (let t = 0; t < untilMs; t += 10) {
      if (stopAtMs !== undefined && t >= stopAtMs) loop.stop();
      await inFlight.settled();
      clock.advance(10);
    }
    return polledAt;
  }

  it('polls at the interval until the value is final', async () => {
    expect(await times([{ next: 'again' }, { next: 'again' }, { next: 'done' }], 2000)).toEqual([0, 100, 200]);
  });

  it('backs off while idle and while failing, up to the ceiling; a good poll resets it', async () => {
    expect(await times([{ next: 'again', idle: true }], 2600)).toEqual([0, 100, 300, 700, 1500, 2300]);
    expect(await times([{ next: 'retry' }, { next: 'retry' }, { next: 'again' }, { next: 'retry', afterMs: 500 }, { next: 'done' }], 3000)).toEqual([0, 200, 600, 700, 1200]);
  });

  it('polls when the poller says a change is due, from the start of the poll that said so', async () => {
    expect(await times([{ next: 'again', afterMs: 30 }, { next: 'again', afterMs: 250 }, { next: 'again' }, { next: 'done' }], 2000)).toEqual([0, 30, 280, 380]);
  });

  it('stops when told, and polls at once when asked', async () => {
    expect(await times([{ next: 'again' }], 2000, 350)).toEqual([0, 100, 200, 300]);
    // At once: on the clock's next turn, without waiting for the interval.
    const immediate = await times([{ next: 'now' }, { next: 'now' }, { next: 'done' }], 100);
    expect(immediate).toHaveLength(3);
    expect(Math.max(...immediate)).toBeLessThan(100);
  });
});
