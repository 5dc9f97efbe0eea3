import { MultiBar, type SingleBar } from 'cli-progress';
import { jobSummary, printable, type Job, type JobItem } from './plan-table.js';

/** What the scripts tell the operator, as text and a bar, or as JSON events for a machine. */
export interface JobOutput {
  /** The plan, its items all read. */
  plan(job: Job, items: JobItem[], text: string): void;
  /** A snapshot of the job from its subscription. */
  progress(job: Job): void;
  /** Something happened the operator should know (always stderr, never between JSON events). */
  notice(message: string): void;
  /** The job ended (or was found ended): its failed and skipped items, and the exit code that follows. */
  final(job: Job, failed: JobItem[], skipped: JobItem[], exitCode: number): void;
  /** The script stops on an error. */
  error(message: string, exitCode: number): void;
  /** Takes the bar off the terminal. */
  stop(): void;
}

const finishedCount = (job: Job) => job.progress.done + job.progress.failed + job.progress.skipped;

/**
 * Items per second over the last minute of snapshots, and the time the rest takes at that rate. Measured from what
 * this script saw (a reattached script starts from the job's count then), not from the job's start.
 */
export class RateMeter {
  private samples: { at: number; finished: number }[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(finished: number): void {
    const at = this.now();
    this.samples.push({ at, finished });
    // Keep one sample older than the window: the rate spans the whole window.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** Items per second; null until a second has been seen. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 1000) return null;
    return (last.finished - first.finished) / ((last.at - first.at) / 1000);
  }

  etaSeconds(remaining: number): number | null {
    const rate = this.rate();
    if (remaining === 0) return 0;
    return rate ? remaining / rate : null;
  }
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** What the job is doing, in words. */
export function activity(job: Job): string {
  switch (job.status) {
    case 'PAUSED':
      return 'paused';
    case 'WAITING_FOR_CREDENTIALS':
      return 'waiting for credentials';
    case 'PLANNED':
      return 'planned';
    case 'RUNNING':
      if (job.phase === 'DEACTIVATE_USERS') return 'deactivating users';
      if (job.phase === 'WAIT_FOR_PARTING') return 'waiting for Synapse to part them from their rooms';
      return 'deleting rooms';
    default:
      return job.status.toLowerCase();
  }
}

/** What changed between two snapshots that is worth a line of its own: a new phase or status, a new job error. */
export function changes(previous: Job | undefined, job: Job): string[] {
  const messages: string[] = [];
  // Waiting for credentials is the follower's to say: it resumes the job.
  const announced = !finishedStatuses.has(job.status) && job.status !== 'WAITING_FOR_CREDENTIALS';
  if (previous && (previous.status !== job.status || previous.phase !== job.phase) && announced) {
    messages.push(
      job.status === 'PAUSED'
        ? `job ${job.id} is paused: items under way finish, none starts; resumeJob continues it (still following)`
        : `job ${job.id}: ${activity(job)}`,
    );
  }
  // A job that goes on can carry an error too (a decommission whose users were not all parted in time).
  if (job.error && job.error !== previous?.error && !finishedStatuses.has(job.status)) messages.push(`job ${job.id}: ${job.error}`);
  return messages;
}

export const finishedStatuses: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** A plan as a table on stdout, then a live bar on stderr (a line every 10 s instead when stderr is no terminal). */
export class HumanOutput implements JobOutput {
  private readonly meter = new RateMeter();
  private bars: MultiBar | undefined;
  private bar: SingleBar | undefined;
  private last: Job | undefined;
  private lastLineAt = 0;
  private readonly tty = process.stderr.isTTY === true;

  plan(_job: Job, _items: JobItem[], text: string): void {
    console.log(text);
  }

  progress(job: Job): void {
    const previous = this.last;
    this.last = job;
    this.meter.add(finishedCount(job));
    for (const message of changes(previous, job)) this.notice(message);
    const remaining = job.progress.pending + job.progress.running;
    const payload = {
      activity: activity(job),
      rate: this.meter.rate()?.toFixed(1) ?? '-',
      timeLeft: formatDuration(this.meter.etaSeconds(remaining)),
      failed: job.progress.failed,
      skipped: job.progress.skipped,
    };
    if (!this.tty) {
      const now = Date.now();
      if (previous && now - this.lastLineAt < 10_000 && previous.status === job.status && previous.phase === job.phase) return;
      this.lastLineAt = now;
      console.error(
        `${payload.activity}: ${finishedCount(job)}/${job.progress.total} (${job.progress.done} done, ${payload.failed} failed, ${payload.skipped} skipped), ` +
          `${payload.rate} items/s, ETA ${payload.timeLeft}`,
      );
      return;
    }
    if (!this.bar) {
      this.bars = new MultiBar({
        stream: process.stderr,
        format: '{activity} [{bar}] {value}/{total} | {rate} items/s | ETA {timeLeft} | failed {failed} | skipped {skipped}',
        hideCursor: true,
        gracefulExit: false,
        clearOnComplete: false,
      });
      this.bar = this.bars.create(job.progress.total, finishedCount(job), payload);
    }
    this.bar.setTotal(job.progress.total);
    this.bar.update(finishedCount(job), payload);
  }

  notice(message: string): void {
    if (this.bars) this.bars.log(`${printable(message)}\n`);
    else console.error(printable(message));
  }

  final(job: Job, failed: JobItem[], skipped: JobItem[]): void {
    this.stop();
    console.log(jobSummary(job, failed, skipped));
  }

  error(message: string): void {
    this.stop();
    console.error(printable(message, true));
  }

  stop(): void {
    this.bars?.stop();
    this.bars = undefined;
    this.bar = undefined;
  }
}

/** Newline-delimited JSON on stdout, one event per line: the plan, progress snapshots, the final job (or an error). */
export class JsonOutput implements JobOutput {
  private readonly meter = new RateMeter();

  plan(job: Job, items: JobItem[]): void {
    this.emit({ event: 'plan', job, items });
  }

  progress(job: Job): void {
    this.meter.add(finishedCount(job));
    const rate = this.meter.rate();
    const etaSeconds = this.meter.etaSeconds(job.progress.pending + job.progress.running);
    this.emit({ event: 'progress', job, rate: rate === null ? null : Number(rate.toFixed(3)), etaSeconds: etaSeconds === null ? null : Math.round(etaSeconds) });
  }

  notice(message: string): void {
    console.error(printable(message));
  }

  final(job: Job, failed: JobItem[], skipped: JobItem[], exitCode: number): void {
    this.emit({ event: 'final', job, failedItems: failed, skippedItems: skipped, exitCode });
  }

  error(message: string, exitCode: number): void {
    console.error(printable(message, true));
    this.emit({ event: 'error', message, exitCode });
  }

  stop(): void {}

  private emit(event: Record<string, unknown>): void {
    process.stdout.write(`${JSON.stringify(event)}\n`);
  }
}
