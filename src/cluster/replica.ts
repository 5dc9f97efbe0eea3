import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process among the replicas sharing a store: who holds an item's lease, who polls a delete. */
export function newReplicaId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}
