import { Repeater } from 'graphql-yoga';

/**
 * Change notices of jobs, in this process: a job ID and nothing else, so that a subscriber reads the job's rows
 * itself and a notice it missed never loses state. Notices arriving while a subscriber is busy are coalesced.
 */
export class JobEvents {
  private readonly listeners = new Map<string, Set<() => void>>();

  changed(jobId: string): void {
    for (const listener of this.listeners.get(jobId) ?? []) listener();
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
