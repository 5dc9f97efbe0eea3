import type { SynapseAdminClient } from './synapse/client.js';
import { isTerminalStatus, type DeleteRoomBody, type DeleteTaskRecord } from './synapse/delete-tasks.js';

const rememberedRooms = 10_000;

/**
 * Never two deletes for one room. Synapse only refuses a second delete while the first is `active`; one that
 * arrives while the first is still `scheduled` creates a duplicate task. So before starting, the gateway looks for
 * a task it started itself (by delete ID) and for any pending task Synapse knows (scheduled-tasks API), and requests
 * for the same room are serialized in this process so two quick calls cannot both start one.
 */
export class RoomDeleteGuard {
  private readonly startedByRoom = new Map<string, string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  start(client: SynapseAdminClient, roomId: string, body: DeleteRoomBody): Promise<DeleteTaskRecord> {
    return this.serialized(roomId, async () => {
      const known = this.startedByRoom.get(roomId);
      if (known !== undefined) {
        const task = await client.deleteTasks.status(known);
        if (task && !isTerminalStatus(task.status)) return task;
        this.startedByRoom.delete(roomId);
      }
      const [pending] = await client.deleteTasks.pendingForRoom(roomId);
      if (pending) return pending;
      const deleteId = await client.deleteTasks.start(roomId, body);
      this.remember(roomId, deleteId);
      return (await client.deleteTasks.status(deleteId)) ?? { deleteId, roomId, status: 'scheduled', shutdownRoom: null };
    });
  }

  private remember(roomId: string, deleteId: string): void {
    this.startedByRoom.delete(roomId);
    this.startedByRoom.set(roomId, deleteId);
    // Bounded: the oldest entries go first (Synapse's own pending-task check still covers them).
    if (this.startedByRoom.size > rememberedRooms) this.startedByRoom.delete(this.startedByRoom.keys().next().value!);
  }

  private async serialized<T>(roomId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(roomId) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.queues.set(roomId, current);
    try {
      return await current;
    } finally {
      if (this.queues.get(roomId) === current) this.queues.delete(roomId);
    }
  }
}
