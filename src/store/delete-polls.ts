import type { DeleteTaskRecord } from '../synapse/delete-tasks.js';
import type { Store } from './store.js';

export type PollTurn = { poll: true } | { poll: false; task: DeleteTaskRecord | null };

/**
 * Replicas on one PostgreSQL poll each delete once between them: the replica holding a delete's lease reads Synapse
 * and stores what it read; the others read the row. A lease not renewed (its replica gone, or its subscribers)
 * passes to the next replica that asks.
 */
export class DeletePolls {
  constructor(
    private readonly store: Store,
    readonly replicaId: string,
    private readonly leaseMs: number,
  ) {}

  /** Takes or renews the lease, or tells what its holder last read. */
  async turn(deleteId: string): Promise<PollTurn> {
    const [mine] = await this.store.query(
      `INSERT INTO delete_poll (delete_id, owner, lease_until) VALUES ($1, $2, now() + make_interval(secs => $3::float8 / 1000))
       ON CONFLICT (delete_id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
         WHERE delete_poll.owner = excluded.owner OR delete_poll.lease_until < now()
       RETURNING 1`,
      [deleteId, this.replicaId, this.leaseMs],
    );
    if (mine) return { poll: true };
    const [row] = await this.store.query<{ task: DeleteTaskRecord | null }>('SELECT task FROM delete_poll WHERE delete_id = $1', [deleteId]);
    return { poll: false, task: row?.task ?? null };
  }

  /** What this replica read, for the others (only while it holds the lease). */
  async publish(task: DeleteTaskRecord): Promise<void> {
    await this.store.query(`UPDATE delete_poll SET task = $3, updated_at = now() WHERE delete_id = $1 AND owner = $2`, [task.deleteId, this.replicaId, JSON.stringify(task)]);
  }

  /** Rows of deletes nobody has polled for a day. */
  async prune(): Promise<void> {
    await this.store.query(`DELETE FROM delete_poll WHERE updated_at < now() - interval '1 day' AND lease_until < now()`);
  }

  /** This replica stops polling the delete: the next one that asks takes over at once. */
  async release(deleteId: string): Promise<void> {
    await this.store.query(`UPDATE delete_poll SET lease_until = now() WHERE delete_id = $1 AND owner = $2`, [deleteId, this.replicaId]);
  }
}
