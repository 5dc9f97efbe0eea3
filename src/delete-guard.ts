import type { SynapseAdminClient } from './synapse/client.js';
import { isTerminalStatus, type DeleteRoomBody, type DeleteTaskRecord } from './synapse/delete-tasks.js';

/** The deletes the gateway started, by room: in this process, or in the store that replicas share. */
export interface StartedDeletes {
  get(roomId: string): Promise<string | undefined>;
  remember(roomId: string, deleteId: string): Promise<void>;
  forget(roomId: string): Promise<void>;
}

/** Runs a room's start with no other start of that room under way, in this process or (shared) any replica. */
export interface RoomDeleteLocks {
  exclusive<T>(roomId: string, work: (started: StartedDeletes) => Promise<T>): Promise<T>;
}

/**
 * Never two deletes for one room. Synapse only refuses a second delete while the first is `active`; one that
 * arrives while the first is still `scheduled` creates a duplicate task. So before starting, the gateway looks for
 * a task it started itself (by delete ID) and for any pending task Synapse knows (scheduled-tasks API), and starts
 * of the same room are serialized (in this process, or across replicas by the store) so two quick calls cannot both
 * start one.
 */
export class RoomDeleteGuard {
  constructor(private readonly locks: RoomDeleteLocks = new InProcessDeleteLocks()) {}

  start(client: SynapseAdminClient, roomId: string, body: DeleteRoomBody): Promise<DeleteTaskRecord> {
    return this.locks.exclusive(roomId, async (started) => {
      const known = await started.get(roomId);
      if (known !== undefined) {
        const task = await client.deleteTasks.status(known);
        if (task && !isTerminalStatus(task.status)) return task;
        await started.forget(roomId);
      }
      const [pending] = await client.deleteTasks.pendingForRoom(roomId);
      if (pending) return pending;
      const deleteId = await client.deleteTasks.start(roomId, body);
      await started.remember(roomId, deleteId);
      // The delete is Synapse's now: a look at it that fails (the token died a moment later) must not pass for a
      // delete never started, which a job would count NOT_SENT and start again.
      const task = await client.deleteTasks.status(deleteId).catch(() => null);
      return task ?? { deleteId, roomId, status: 'scheduled', shutdownRoom: null };
    });
  }
}

const rememberedRooms = 10_000;

/** One process: a queue per room and a bounded map (Synapse's own pending-task check covers what it forgot). */
export class InProcessDeleteLocks implements RoomDeleteLocks {
  private readonly startedByRoom = new Map<string, string>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly started: StartedDeletes = {
    get: async (roomId) => this.startedByRoom.get(roomId),
    remember: async (roomId, deleteId) => {
      this.startedByRoom.delete(roomId);
      this.startedByRoom.set(roomId, deleteId);
      // Bounded: the oldest entries go first.
      if (this.startedByRoom.size > rememberedRooms) this.startedByRoom.delete(this.startedByRoom.keys().next().value!);
    },
    forget: async (roomId) => void this.startedByRoom.delete(roomId),
  };

  async exclusive<T>(roomId: string, work: (started: StartedDeletes) => Promise<T>): Promise<T> {
    const previous = this.queues.get(roomId) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => work(this.started));
    this.queues.set(roomId, current);
    try {
      return await current;
    } finally {
      if (this.queues.get(roomId) === current) this.queues.delete(roomId);
    }
  }
}
