/**
 * When a job looks at its deletes again. Synapse tells nobody when a delete ends, and looking once an interval sees
 * an end half an interval late on average: for the purge of empty rooms (deletes of a fraction of a second) that was
 * a quarter of each item's time, with the task slot idle meanwhile. The deletes of one server tend to take alike, so
 * the looks aim at when recent deletes ended, then come an eighth of the interval apart, doubling back to the interval
 * for a delete that runs long. Never more than an interval apart: a delete that ends early is seen no later than
 * before, a long one costs three or four looks more, a usual one is seen ending soon after it does.
 */
export class DeleteDurations {
  /** How long a delete runs from when it is followed, by recent ones; the interval until one is seen to end. */
  private estimateMs: number;
  private readonly minMs: number;
  private readonly maxMs: number;

  constructor(private readonly intervalMs: number) {
    this.estimateMs = intervalMs;
    this.minMs = intervalMs / 8;
    this.maxMs = intervalMs * 100;
  }

  /**
   * The looks at one delete, followed from its start (`timed`: it teaches how long deletes take) or adopted midway.
   * While Synapse holds it `scheduled` (its task slots are taken; it starts the next one 100 ms after one ends), the
   * looks come close together, doubling back to the interval, and its time counts from the last look that saw it wait.
   */
  follow(timed: boolean): DeleteLooks {
    let lateLooks = 0;
    let waitingLooks = 0;
    let startedAfterMs = 0;
    let lastRunningMs: number | undefined;
    // The last look saw it wait: when it then ran is unknown.
    let lastSawWaiting = false;
    // The next look comes a fine step after one that saw it running (not aimed at the estimate, nor the first).
    let fineStep = false;
    const fine = (looks: number) => Math.min(this.intervalMs, this.minMs * 2 ** looks);
    return {
      firstMs: timed ? Math.min(this.intervalMs, Math.max(this.minMs, this.estimateMs)) : this.intervalMs,
      running: (sinceStartMs) => {
        lastRunningMs = sinceStartMs;
        lastSawWaiting = false;
        const untilEstimate = this.estimateMs - (sinceStartMs - startedAfterMs);
        fineStep = untilEstimate < this.minMs;
        if (!fineStep) return Math.min(this.intervalMs, untilEstimate);
        return fine(lateLooks++);
      },
      queued: (sinceStartMs) => {
        startedAfterMs = sinceStartMs;
        lastSawWaiting = true;
        fineStep = false;
        return fine(waitingLooks++);
      },
      ended: (sinceStartMs) => {
        if (timed && !lastSawWaiting) this.learn(sinceStartMs - startedAfterMs, fineStep ? lastRunningMs! - startedAfterMs : undefined);
      },
    };
  }

  /**
   * A delete ended by `seenEndedMs`: seen by a look aimed at the estimate (or the first), it may have ended well
   * before, so aim a little earlier next time; seen a fine step after a look that saw it running (`lastRunningMs`), it
   * ended in between.
   */
  private learn(seenEndedMs: number, lastRunningMs: number | undefined): void {
    // One odd delete (a huge room) moves the aim at most to twice what it was.
    const sample = Math.min(2 * this.estimateMs, lastRunningMs === undefined ? seenEndedMs * 0.9 : (lastRunningMs + seenEndedMs) / 2);
    this.estimateMs = Math.min(this.maxMs, Math.max(this.minMs, (this.estimateMs + sample) / 2));
  }
}

export interface DeleteLooks {
  /** From the start to the first look. */
  readonly firstMs: number;
  /** A look saw it running; until the next. */
  running(sinceStartMs: number): number;
  /** A look saw it waiting for a Synapse task slot; until the next. */
  queued(sinceStartMs: number): number;
  /** A look saw it ended. */
  ended(sinceStartMs: number): void;
}
