import { nullIfNotFound } from '../synapse/admin-api.js';
import type { SynapseAdminClient } from '../synapse/client.js';
import { SynapseError } from '../synapse/errors.js';
import type { UserSummary } from '../synapse/users.js';
import type { NewJobItem } from '../store/jobs.js';
import { mapConcurrently } from './concurrently.js';

export interface DecommissionPlan {
  items: NewJobItem[];
  /** Admins other than the caller: deactivation leaves them, the operator decides. */
  adminsToHandle: string[];
}

/** Every active local user, guests and locked accounts included (Synapse's list hides locked ones unless asked). */
async function activeUsers(client: SynapseAdminClient, pageSize: number): Promise<UserSummary[]> {
  const users: UserSummary[] = [];
  for (let from = 0; ; ) {
    const page = await client.users.list({ from, limit: pageSize, deactivated: 'exclude', guests: true, locked: true, orderBy: 'name', dir: 'f' });
    users.push(...page.users);
    if (page.next_token == null || page.users.length === 0) break;
    from = Number(page.next_token);
  }
  return users;
}

/**
 * The users a decommission deactivates: every active local user but admins, the caller, appservice users and
 * `keep`, frozen before the first deactivation (deactivating while paging shifts later users out of reach).
 */
export async function planDecommission(client: SynapseAdminClient, options: { caller: string; keep: ReadonlySet<string>; pageSize: number }): Promise<DecommissionPlan> {
  const users = await activeUsers(client, options.pageSize);
  const adminsToHandle = users.filter((user) => user.admin && user.name !== options.caller).map((user) => user.name);
  const candidates = users.filter((user) => !user.admin && user.name !== options.caller && !options.keep.has(user.name));
  // Only the details say which appservice owns a user; the rooms they are in now are the ones phase 2 may purge. Both
  // read together: the rooms of an appservice's user (rare) are read for nothing, every other user saves a round.
  const details = await mapConcurrently(candidates, 8, async (user) => {
    const [detail, rooms] = await Promise.all([client.users.details(user.name), nullIfNotFound(client.users.joinedRooms(user.name))]);
    if (!detail || detail.appservice_id) return null;
    // Synapse answers [] for a user in no room: a 404 for one whose details it has is a fault, never a reason to skip.
    if (!rooms) throw new SynapseError('UPSTREAM_ERROR', `Synapse has ${user.name} but answered 404 for their joined rooms; the plan is not made`);
    return { rooms };
  });
  const items: NewJobItem[] = [];
  candidates.forEach((user, index) => {
    const detail = details[index];
    if (!detail) return;
    items.push({
      phase: 'DEACTIVATE_USERS',
      action: 'DEACTIVATE_USER',
      target: user.name,
      review: {
        displayName: user.displayname ?? null,
        guest: user.is_guest ?? false,
        locked: user.locked ?? false,
        userType: user.user_type ?? null,
        createdAt: user.creation_ts ?? null,
        lastSeenAt: user.last_seen_ts ?? null,
        rooms: detail.rooms,
      },
    });
  });
  return { items, adminsToHandle };
}
