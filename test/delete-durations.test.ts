import { describe, expect, it } from 'vitest';
import { DeleteDurations } from '../src/jobs/delete-durations.js';

const intervalMs = 100;

/** Follows one delete that ends `endsAtMs` after its start: the times it was looked at (the last one saw it ended). */
function follow(durations: DeleteDurations, endsAtMs: number, { timed = true, queuedAtFirstLook = false } = {}): number[] {
  const looks = durations.follow(timed);
  const at = [looks.firstMs];
  for (;;) {
    const now = at.at(-1)!;
    if (now >= endsAtMs) {
      looks.ended(now);
      return at;
    }
    if (queuedAtFirstLook && at.length === 1) looks.queued();
    at.push(now + looks.running(now));
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

  it('learns nothing from a delete it did not follow from its start, or one that waited for a Synapse task slot', () => {
    const durations = new DeleteDurations(intervalMs);
    follow(durations, 400, { timed: false });
    follow(durations, 400, { queuedAtFirstLook: true });
    expect(follow(durations, 155)[0]).toBe(intervalMs);
  });
});
