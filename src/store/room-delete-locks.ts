import { InProcessDeleteLocks, type RoomDeleteLocks, type StartedDeletes } from '../delete-guard.js';
import type { Queryable, Store } from './store.js';

/**
 * Replicas on one PostgreSQL: a room's start runs under a session-level advisory lock on a connection of its own
 * (no transaction is held across the Synapse calls, and the lock goes with a replica that dies), and the deletes
 * started are rows every replica reads.
 */
export class SharedDeleteLocks implements RoomDeleteLocks {
  /** Starts of one room queue here first: one connection per room and replica waits for the lock, not one per call. */
  private readonly local = new InProcessDeleteLocks();

  constructor(private readonly store: Store) {}

  /** Deletes started over a week ago: Synapse has forgotten their tasks (it keeps finished ones for 7 days). */
  async prune(): Promise<void> {
    await this.store.query(`DELETE FROM room_delete WHERE started_at < now() - interval '7 days'`);
  }

  exclusive<T>(roomId: string, work: (started: StartedDeletes) => Promise<T>): Promise<T> {
    return this.local.exclusive(roomId, () => this.acrossReplicas(roomId, work));
  }

  private acrossReplicas<T>(roomId: string, work: (started: StartedDeletes) => Promise<T>): Promise<T> {
    return this.store.session(async (db) => {
      await db.query(`SELECT pg_advisory_lock(hashtextextended('room-delete:' || $1, 0))`, [roomId]);
      try {
        return await work(startedIn(db));
      } finally {
        await db.query(`SELECT pg_advisory_unlock(hashtextextended('room-delete:' || $1, 0))`, [roomId]);
      }
    });
  }
}

function startedIn(db: Queryable): StartedDeletes {
  return {
    get: async (roomId) => (await db.query<{ delete_id: string }>('SELECT delete_id FROM room_delete WHERE room_id = $1', [roomId]))[0]?.delete_id,
    remember: async (roomId, deleteId) => {
      await db.query(
        `INSERT INTO room_delete (room_id, delete_id) VALUES ($1, $2) ON CONFLICT (room_id) DO UPDATE SET delete_id = excluded.delete_id, started_at = now()`,
        [roomId, deleteId],
      );
    },
    forget: async (roomId) => void (await db.query('DELETE FROM room_delete WHERE room_id = $1', [roomId])),
  };
}
