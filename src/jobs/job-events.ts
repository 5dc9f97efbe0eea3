import { Repeater } from 'graphql-yoga';
import type { GatewayPubSub } from '../cluster/gateway-pubsub.js';

type Listener = (jobId: string | null) => void;
type EveryChangeListener = (jobId: string | null, fromHere: boolean) => void;

/**
 * Change notices of jobs, from this process and (on PostgreSQL) every replica: a job ID and nothing else, so that a
 * subscriber reads the job's rows itself and a notice it missed never loses state. Notices arriving while a
 * subscriber is busy are coalesced.
 */
export class JobEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly everyJob = new Set<EveryChangeListener>();

  constructor(
    private readonly pubsub: GatewayPubSub,
    private readonly replicaId: string,
  ) {
    void this.receive();
  }

  changed(jobId: string): void {
    this.pubsub.publish('job', { jobId, from: this.replicaId });
  }

  /** Every notice, of any job (`null`: notices may have been lost), and whether the change was this replica's. */
  onEveryChange(listener: EveryChangeListener): () => void {
    this.everyJob.add(listener);
    return () => this.everyJob.delete(listener);
  }

  private async receive(): Promise<void> {
    for await (const notice of this.pubsub.subscribe('job')) {
      const jobId = notice?.jobId ?? null;
      for (const listener of this.everyJob) listener(jobId, notice?.from === this.replicaId);
      const targets = jobId === null ? [...this.listeners.values()].flatMap((set) => [...set]) : [...(this.listeners.get(jobId) ?? [])];
      for (const listener of targets) listener(jobId);
    }
  }

  /** One value now, then one after each burst of changes, at most one per `minIntervalMs`; stops with `stop()`. */
  follow(jobId: string, minIntervalMs: number): Repeater<void> {
    return new Repeater<void>(async (push, stop) => {
      let pending = true;
      let wake: (() => void) | undefined;
      const listener = () => {
        pending = true;
        wake?.();
      };
      const set = this.listeners.get(jobId) ?? new Set();
      this.listeners.set(jobId, set);
      set.add(listener);
      let stopped = false;
      void stop.then(() => {
        stopped = true;
        wake?.();
      });
      while (!stopped) {
        if (!pending) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        if (stopped) break;
        pending = false;
        await push();
        if (minIntervalMs > 0) await new Promise((resolve) => setTimeout(resolve, minIntervalMs));
      }
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    });
  }
}
