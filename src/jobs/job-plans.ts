import { randomBytes } from 'node:crypto';
import type { JobRecord } from '../store/jobs.js';
import type { SynapseAdminClient } from '../synapse/client.js';
import type { JobServices } from './job-services.js';
import { planDecommission } from './plan-decommission.js';
import { planEmptyRooms } from './plan-purge.js';

export interface PurgeEmptyRoomsOptions {
  exclude: string[];
  block: boolean;
  purge: boolean;
  forcePurge: boolean;
  concurrency: number;
}

export interface DecommissionOptions extends Omit<PurgeEmptyRoomsOptions, 'concurrency'> {
  keep: string[];
  erase: boolean;
  /** Deactivations in flight. */
  concurrency: number;
  /** Room deletes in flight (phase 2). */
  deleteConcurrency: number;
}

const newJobId = () => `job_${randomBytes(9).toString('base64url')}`;

/** Plans a purge (its dry run): every room no local user is in, frozen as items; nothing deleted. */
export async function createPurgeJob(services: JobServices, client: SynapseAdminClient, actor: string, options: PurgeEmptyRoomsOptions): Promise<JobRecord> {
  const plan = await planEmptyRooms(client, { exclude: new Set(options.exclude), pageSize: services.tuning.pageSize, phase: 'PURGE_ROOMS' });
  const id = newJobId();
  await services.jobs.create({ id, kind: 'PURGE_EMPTY_ROOMS', phase: 'PURGE_ROOMS', options: { ...options }, createdBy: actor, adminsToHandle: [] }, plan.items);
  return (await services.jobs.get(id))!;
}

/** Plans a decommission: the users to deactivate, frozen as items; the rooms to purge are planned once they are parted. */
export async function createDecommissionJob(services: JobServices, client: SynapseAdminClient, actor: string, options: DecommissionOptions): Promise<JobRecord> {
  const plan = await planDecommission(client, { caller: actor, keep: new Set(options.keep), pageSize: services.tuning.pageSize });
  const id = newJobId();
  await services.jobs.create(
    { id, kind: 'DECOMMISSION', phase: 'DEACTIVATE_USERS', options: { ...options }, createdBy: actor, adminsToHandle: plan.adminsToHandle },
    plan.items,
  );
  return (await services.jobs.get(id))!;
}
