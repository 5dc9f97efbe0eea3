/**
 * When a job looks at its deletes again. Synapse tells nobody when a delete ends, and looking once an interval sees
 * an end half an interval late on average: for the purge of empty rooms (deletes of a fraction of a second) that was
 * a quarter of each item's time, with the task slot idle meanwhile. The deletes of one server tend to take alike, so
 * the looks aim at when recent deletes ended, then come an eighth of the interval apart, doubling back to the interval
 * for a delete that runs long. Never more than an interval apart: a delete that ends early is seen no later than
 * before, a long one costs three looks more, a usual one is seen ending soon after it does.
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

  /** The looks at one delete, followed from its start (`timed`: it teaches how long deletes take) or adopted midway. */
  follow(timed: boolean): DeleteLooks {
    let lateLooks = 0;
    let lastRunningMs: number | undefined;
    const next = (sinceStartMs: number) => {
      const untilEstimate = this.estimateMs - sinceStartMs;
      if (untilEstimate >= this.minMs) return Math.min(this.intervalMs, untilEstimate);
      return Math.min(this.intervalMs, this.minMs * 2 ** lateLooks++);
    };
    return {
      firstMs: timed ? next(0) : this.intervalMs,
      running: (sinceStartMs) => {
        lastRunningMs = sinceStartMs;
        return next(sinceStartMs);
      },
      queued: () => {
        // Waiting for one of Synapse's task slots: its time says nothing of how long a delete takes.
        timed = false;
      },
      ended: (sinceStartMs) => {
        if (timed) this.learn(sinceStartMs, lastRunningMs);
      },
    };
  }

  /** A delete ended between the last look that saw it running (if any) and the first that saw it ended. */
  private learn(seenEndedMs: number, lastRunningMs: number | undefined): void {
    // Seen at the first look, it may have ended well before: aim a little earlier. After a look that saw it running
    // long before, take it to have ended within the last fine step (the midpoint would drag the aim far too early).
    const sample = lastRunningMs === undefined ? seenEndedMs * 0.9 : Math.max((lastRunningMs + seenEndedMs) / 2, seenEndedMs - this.minMs / 2);
    this.estimateMs = Math.min(this.maxMs, Math.max(this.minMs, (this.estimateMs + sample) / 2));
  }
}

export interface DeleteLooks {
  /** From the start to the first look. */
  readonly firstMs: number;
  /** A look saw it running; until the next. */
  running(sinceStartMs: number): number;
  /** A look saw it waiting for a Synapse task slot. */
  queued(): void;
  /** A look saw it ended. */
  ended(sinceStartMs: number): void;
}
