import type DataLoader from 'dataloader';
import type { SynapseAdminClient } from '../synapse/client.js';
import type { SynapseUser } from '../synapse/users.js';
import { perKey, type LoaderOptions } from './loader.js';

export interface UserLoaders {
  details: DataLoader<string, SynapseUser | null>;
  isAdmin: DataLoader<string, boolean>;
}

export function createUserLoaders(synapse: SynapseAdminClient, options: LoaderOptions): UserLoaders {
  return {
    details: perKey((userId) => synapse.users.details(userId), options),
    isAdmin: perKey((userId) => synapse.users.isAdmin(userId), options),
  };
}
