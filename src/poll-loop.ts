import { realTimers, type Timers } from './timers.js';

/** What one poll found, and so when the next one comes. */
export type PollOutcome =
  /** Nothing will change any more: the loop ends. */
  | { next: 'done' }
  /**
   * Poll again after the interval, or `afterMs` from this poll's start when the poller knows better when a change is
   * due; `idle` (nothing happening yet) backs off more each time, up to the ceiling.
   */
  | { next: 'again'; idle?: boolean; afterMs?: number }
  /** The read failed for a while: back off more each time (at least `afterMs`, e.g. a Retry-After). */
  | { next: 'retry'; afterMs?: number }
  /** Poll again at once (e.g. another reader takes over). */
  | { next: 'now' };

export interface PollLoopOptions {
  intervalMs: number;
  /** Ceiling of every backoff; default 8 intervals. */
  maxIntervalMs?: number;
  timers?: Timers;
  /** One poll. It may throw: the loop then stops (the poll decides what a failure means). */
  poll(): Promise<PollOutcome>;
  /** Counts each poll, up to the scheduling of the next (tests move a manual clock once it is settled). */
  inFlight?: ReadsInFlight;
}

/**
 * Polls something Synapse does not push (a delete's status) until told it will not change or until stopped: one
 * poll at a time, the next scheduled from the outcome of the last (on a fixed cadence while things change), with
 * backoff while idle or failing. Knows nothing of who wants the values: the delete-task hub streams them to
 * subscribers, a job follows its own deletes.
 */
export class PollLoop {
  private readonly timers: Timers;
  private readonly maxIntervalMs: number;
  private cancelTimer?: () => void;
  private stopped = false;
  private idleStreak = 0;
  private errorStreak = 0;
  /** A poll is under way. */
  polling = false;

  constructor(private readonly options: PollLoopOptions) {
    this.timers = options.timers ?? realTimers;
    this.maxIntervalMs = options.maxIntervalMs ?? options.intervalMs * 8;
  }

  /** Polls now (unless a poll is under way), then on its own. */
  async pollNow(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.cancelTimer?.();
    this.polling = true;
    const startedAt = this.timers.now();
    const once = async () => {
      let outcome: PollOutcome;
      try {
        outcome = await this.options.poll();
      } catch {
        outcome = { next: 'done' };
      } finally {
        this.polling = false;
      }
      if (!this.stopped) this.schedule(outcome, this.timers.now() - startedAt);
    };
    await (this.options.inFlight ? this.options.inFlight.track(once) : once());
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  /**
   * A steady poll comes a fixed interval after the last one started, however long that one took: a busy process
   * (delivering the last poll's news to thousands of subscribers) does not slow its own polls. Half an interval
   * between polls at least: a Synapse slower than the interval is not asked back to back.
   */
  private schedule(outcome: PollOutcome, tookMs: number): void {
    const { intervalMs } = this.options;
    let delayMs: number;
    switch (outcome.next) {
      case 'done':
        return this.stop();
      case 'now':
        delayMs = 0;
        break;
      case 'again':
        this.errorStreak = 0;
        this.idleStreak = outcome.idle ? this.idleStreak + 1 : 0;
        if (outcome.idle) delayMs = intervalMs * 2 ** Math.max(0, this.idleStreak - 1);
        else if (outcome.afterMs !== undefined) delayMs = Math.max(outcome.afterMs / 2, outcome.afterMs - tookMs);
        else delayMs = Math.max(intervalMs / 2, intervalMs - tookMs);
        break;
      case 'retry':
        this.errorStreak++;
        delayMs = Math.max(outcome.afterMs ?? 0, intervalMs * 2 ** this.errorStreak);
        break;
    }
    this.cancelTimer = this.timers.schedule(Math.min(delayMs, this.maxIntervalMs), () => void this.pollNow());
  }
}

/** Counts reads under way, so that tests can move a manual clock only once every read has come back. */
export class ReadsInFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async track<T>(read: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await read();
    } finally {
      this.release();
    }
  }

  /** Inside tracked work: not counted while it waits for `waiting` (a timer, another poll loop, a free slot). */
  async idleWhile<T>(waiting: Promise<T>): Promise<T> {
    this.release();
    try {
      return await waiting;
    } finally {
      this.count++;
    }
  }

  private release(): void {
    if (--this.count === 0) for (const resolve of this.waiters.splice(0)) queueMicrotask(resolve);
  }

  settled(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
