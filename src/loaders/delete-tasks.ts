import type DataLoader from 'dataloader';
import type { SynapseAdminClient } from '../synapse/client.js';
import type { DeleteTaskRecord } from '../synapse/delete-tasks.js';
import { perKey, type LoaderOptions } from './loader.js';

export interface DeleteTaskLoaders {
  /** A room's delete tasks, oldest first (they carry failure reasons). */
  forRoom: DataLoader<string, DeleteTaskRecord[]>;
  byId: DataLoader<string, DeleteTaskRecord | null>;
}

export function createDeleteTaskLoaders(synapse: SynapseAdminClient, options: LoaderOptions): DeleteTaskLoaders {
  return {
    forRoom: perKey((roomId) => synapse.deleteTasks.forRoom(roomId), options),
    byId: perKey((deleteId) => synapse.deleteTasks.status(deleteId), options),
  };
}
