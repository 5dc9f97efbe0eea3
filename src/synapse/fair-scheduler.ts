import type { AbortSource } from './call-scope.js';

interface Waiter {
  grant: () => void;
  reject: (reason: unknown) => void;
}

interface CallerQueue {
  active: number;
  waiting: Waiter[];
}

/**
 * Shares the upstream connection slots between callers: at most `slots` calls in flight, at most `perCaller` of
 * them for any one caller (`capOf` may set others for particular callers), and a freed slot goes to the next caller
 * in turn (round robin), not to whoever queued the most. One token running a thousand-call query cannot make another
 * wait behind all of it.
 */
export class FairScheduler {
  private readonly callers = new Map<string, CallerQueue>();
  /** Callers with waiting calls, in the order they will be served (a Set keeps insertion order). */
  private readonly turn = new Set<string>();
  private active = 0;

  constructor(
    readonly slots: number,
    readonly perCaller: number,
    private readonly capFor: (caller: string) => number | undefined = () => undefined,
  ) {}

  private capOf(caller: string): number {
    return this.capFor(caller) ?? this.perCaller;
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    let total = 0;
    for (const queue of this.callers.values()) total += queue.waiting.length;
    return total;
  }

  /** Resolves with a release function once the caller may start a call; rejects with the signal's reason if it aborts first. */
  acquire(caller: string, signal?: AbortSource): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const queue = this.queueOf(caller);
    if (queue.waiting.length === 0 && this.active < this.slots && queue.active < this.capOf(caller)) return Promise.resolve(this.take(caller, queue));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = queue.waiting.indexOf(waiter);
        if (index >= 0) queue.waiting.splice(index, 1);
        this.forget(caller, queue);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.take(caller, queue));
        },
        reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiting.push(waiter);
      this.turn.add(caller);
    });
  }

  private take(caller: string, queue: CallerQueue): () => void {
    this.active++;
    queue.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      queue.active--;
      this.forget(caller, queue);
      this.dispatch();
    };
  }

  /** Hands free slots to waiting callers in turn, skipping those at their share. */
  private dispatch(): void {
    while (this.active < this.slots) {
      let served = false;
      for (const caller of this.turn) {
        const queue = this.callers.get(caller)!;
        if (queue.active >= this.capOf(caller)) continue;
        // To the back of the line: the next free slot goes to the next caller.
        this.turn.delete(caller);
        queue.waiting.shift()!.grant();
        if (queue.waiting.length > 0) this.turn.add(caller);
        served = true;
        break;
      }
      if (!served) return;
    }
  }

  private queueOf(caller: string): CallerQueue {
    let queue = this.callers.get(caller);
    if (!queue) this.callers.set(caller, (queue = { active: 0, waiting: [] }));
    return queue;
  }

  private forget(caller: string, queue: CallerQueue): void {
    if (queue.waiting.length === 0) {
      this.turn.delete(caller);
      if (queue.active === 0) this.callers.delete(caller);
    }
  }
}
