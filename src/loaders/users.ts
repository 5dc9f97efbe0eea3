import type DataLoader from 'dataloader';
import type { SynapseAdminClient } from '../synapse/client.js';
import { userNotFound } from '../synapse/errors.js';
import type { AccountData, Device, Pusher, RateLimit, Session, UserDetails, UserSummary } from '../synapse/users.js';
import { perKey, SettledEntities, type LoaderOptions } from './loader.js';

export interface UserLoaders {
  /** List-level user fields: primed from list pages, else read from the user's details. */
  summary: DataLoader<string, UserSummary>;
  details: DataLoader<string, UserDetails | null>;
  /** What the operation has of users already, for their fields to read without a promise. */
  settled: SettledEntities<UserSummary, UserDetails>;
  /** A user as a list page has them: their list-level fields need no call. */
  primeSummary(user: UserSummary): void;
  isAdmin: DataLoader<string, boolean>;
  joinedRooms: DataLoader<string, string[]>;
  memberships: DataLoader<string, Record<string, string>>;
  devices: DataLoader<string, Device[]>;
  sessions: DataLoader<string, Session[]>;
  pushers: DataLoader<string, Pusher[]>;
  accountData: DataLoader<string, AccountData>;
  rateLimit: DataLoader<string, RateLimit | null>;
  /** Forgets what the operation read of a user (a mutation changed it). */
  forget(userId: string): void;
}

export function createUserLoaders(synapse: SynapseAdminClient, options: LoaderOptions): UserLoaders {
  const settled = new SettledEntities<UserSummary, UserDetails>(options);
  const details = settled.detailsLoader((userId) => synapse.users.details(userId));
  const loaders = {
    summary: perKey(async (userId): Promise<UserSummary> => {
      const user = await details.load(userId);
      if (!user) throw userNotFound(userId);
      return user;
    }, options),
    details,
    isAdmin: perKey((userId) => synapse.users.isAdmin(userId), options),
    joinedRooms: perKey((userId) => synapse.users.joinedRooms(userId), options),
    memberships: perKey((userId) => synapse.users.memberships(userId), options),
    devices: perKey((userId) => synapse.users.devices(userId), options),
    sessions: perKey((userId) => synapse.users.sessions(userId), options),
    pushers: perKey((userId) => synapse.users.pushers(userId), options),
    accountData: perKey((userId) => synapse.users.accountData(userId), options),
    rateLimit: perKey((userId) => synapse.users.rateLimit(userId), options),
  };
  return {
    ...loaders,
    settled,
    primeSummary: (user) => {
      loaders.summary.prime(user.name, user);
      settled.summaryArrived(user.name, user);
    },
    forget: (userId) => {
      for (const loader of Object.values(loaders)) loader.clear(userId);
      settled.forget(userId);
    },
  };
}
