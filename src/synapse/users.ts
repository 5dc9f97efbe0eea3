import { z } from 'zod';
import { nullIfNotFound, type AdminApi } from './admin-api.js';
import { flag, optionalFlag, optionalString, timestamp } from './fields.js';
import { SynapseError } from './errors.js';

const userSchema = z.object({
  name: z.string(),
  displayname: optionalString,
  avatar_url: optionalString,
  admin: optionalFlag,
  deactivated: optionalFlag,
  erased: optionalFlag,
  locked: optionalFlag,
  shadow_banned: optionalFlag,
  is_guest: optionalFlag,
  user_type: optionalString,
  creation_ts: timestamp,
  last_seen_ts: timestamp,
});
export type SynapseUser = z.infer<typeof userSchema>;
const userAdminSchema = z.object({ admin: flag });

/** The users admin API (synapse/rest/admin/users.py and devices.py). */
export class UsersApi {
  constructor(private readonly api: AdminApi) {}

  details(userId: string): Promise<SynapseUser | null> {
    return nullIfNotFound(this.api.get(userSchema, '/_synapse/admin/v2/users/{userId}', { userId }));
  }

  /** Whether a user is a server admin; a caller who is not an admin may not ask, which also answers the question. */
  async isAdmin(userId: string): Promise<boolean> {
    try {
      return (await this.api.get(userAdminSchema, '/_synapse/admin/v1/users/{userId}/admin', { userId })).admin;
    } catch (error) {
      if (error instanceof SynapseError && error.code === 'FORBIDDEN') return false;
      throw error;
    }
  }
}
