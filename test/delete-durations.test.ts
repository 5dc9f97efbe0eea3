import { describe, expect, it } from 'vitest';
import { DeleteDurations } from '../src/jobs/delete-durations.js';

const intervalMs = 100;

/**
 * Follows one delete that Synapse holds `scheduled` until `queuedUntilMs`, then runs until `endsAtMs` (both after its
 * start): the times it was looked at (the last one saw it ended).
 */
function follow(durations: DeleteDurations, endsAtMs: number, { timed = true, queuedUntilMs = 0 } = {}): number[] {
  const looks = durations.follow(timed);
  const at = [looks.firstMs];
  for (;;) {
    const now = at.at(-1)!;
    if (now >= endsAtMs) {
      looks.ended(now);
      return at;
    }
    at.push(now + (now < queuedUntilMs ? looks.queued(now) : looks.running(now)));
  }
}

const gaps = (at: number[]) => at.map((time, index) => time - (at[index - 1] ?? 0));

describe('when a job looks at its deletes', () => {
  it('looks first at the interval, as before, until deletes have been seen ending', () => {
    expect(follow(new DeleteDurations(intervalMs), 250)[0]).toBe(intervalMs);
  });

  it('learns how long deletes take: after a few, one is seen ending within an eighth of the interval, in as few looks', () => {
    const durations = new DeleteDurations(intervalMs);
    // Looking every interval sees it at 200 ms, 45 ms late.
    expect(follow(durations, 155).at(-1)).toBeLessThan(200);
    for (let i = 0; i < 5; i++) follow(durations, 155);
    for (let i = 0; i < 20; i++) {
      const at = follow(durations, 155);
      expect(at.at(-1)! - 155).toBeLessThanOrEqual(intervalMs / 8);
      expect(at.length).toBeLessThanOrEqual(3);
    }
  });

  it('never leaves more than an interval between looks, and goes back to the interval for a delete that runs long', () => {
    const durations = new DeleteDurations(intervalMs);
    for (let i = 0; i < 10; i++) follow(durations, 600);
    // Taught that deletes take 600 ms: a short one is still seen within the interval.
    expect(follow(durations, 30)[0]).toBeLessThanOrEqual(intervalMs);
    const long = follow(new DeleteDurations(intervalMs), 5000);
    expect(Math.max(...gaps(long))).toBeLessThanOrEqual(intervalMs);
    // Looking every interval would take 50 looks: three more at most.
    expect(long.length).toBeLessThanOrEqual(53);
  });

  it('learns nothing from a delete it did not follow from its start', () => {
    const durations = new DeleteDurations(intervalMs);
    follow(durations, 20, { timed: false });
    expect(follow(durations, 155)[0]).toBe(intervalMs);
  });

  it('looks closely while Synapse holds a delete scheduled, and times it from the last look that saw it wait', () => {
    const durations = new DeleteDurations(intervalMs);
    for (let i = 0; i < 10; i++) follow(durations, 155);
    // Held 150 ms for a task slot, then 155 ms of work: seen soon after its end, in few looks, none an interval apart.
    const held = follow(durations, 150 + 155, { queuedUntilMs: 150 });
    expect(held.at(-1)! - 305).toBeLessThanOrEqual(intervalMs / 4);
    expect(Math.max(...gaps(held))).toBeLessThanOrEqual(intervalMs);
    expect(held.length).toBeLessThanOrEqual(7);
    // And it taught 155 ms, not 245: the next delete that is not held is still seen within an eighth of the interval.
    expect(follow(durations, 155).at(-1)! - 155).toBeLessThanOrEqual(intervalMs / 8);
  });
});
