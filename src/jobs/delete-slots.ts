import type { SynapseAdminClient } from '../synapse/client.js';
import { isTerminalStatus } from '../synapse/delete-tasks.js';
import { realTimers, type Timers } from '../timers.js';

/**
 * Synapse runs 5 scheduled tasks at once, whatever started them; more only queue there. Jobs take a slot for each
 * delete they start and give it back at a terminal status. Single deletes (the deleteRoom mutation) never wait, but
 * count: a job that finds the slots full checks whether those have ended before waiting for its own.
 */
export class DeleteSlots {
  private held = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly singles = new Map<string, SynapseAdminClient>();

  constructor(
    readonly capacity = 5,
    /** While single deletes hold slots, how often they are checked again (nothing else tells when they end). */
    private readonly recheckMs = 1000,
    private readonly timers: Timers = realTimers,
  ) {}

  get inUse(): number {
    return this.held + this.singles.size;
  }

  /** A delete started outside any job, until a status read sees it end. */
  noteSingle(deleteId: string, client: SynapseAdminClient): void {
    if (this.singles.size >= 1000) this.singles.delete(this.singles.keys().next().value!);
    this.singles.set(deleteId, client);
  }

  /** Waits for a free slot; the returned function gives it back (once). */
  async acquire(): Promise<() => void> {
    while (this.inUse >= this.capacity) {
      if (this.singles.size > 0 && (await this.dropEndedSingles())) continue;
      await new Promise<void>((resolve) => {
        let cancel = () => {};
        const wake = () => {
          cancel();
          const index = this.waiters.indexOf(wake);
          if (index >= 0) this.waiters.splice(index, 1);
          resolve();
        };
        this.waiters.push(wake);
        if (this.singles.size > 0) cancel = this.timers.schedule(this.recheckMs, wake);
      });
    }
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      this.waiters.shift()?.();
    };
  }

  /** Whether any single delete turned out to be over. */
  private async dropEndedSingles(): Promise<boolean> {
    let dropped = false;
    for (const [deleteId, client] of [...this.singles]) {
      const task = await client.deleteTasks.status(deleteId).catch(() => null);
      if (!task || isTerminalStatus(task.status)) {
        this.singles.delete(deleteId);
        dropped = true;
      }
    }
    return dropped;
  }
}
