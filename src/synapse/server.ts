import { z } from 'zod';
import type { AdminApi } from './admin-api.js';

const whoamiSchema = z.object({ user_id: z.string() });
const serverVersionSchema = z.object({ server_version: z.string() });

/** Who the token belongs to, and what Synapse this is. */
export class ServerApi {
  constructor(private readonly api: AdminApi) {}

  async whoami(): Promise<string> {
    return (await this.api.get(whoamiSchema, '/_matrix/client/v3/account/whoami')).user_id;
  }

  async version(): Promise<string> {
    return (await this.api.get(serverVersionSchema, '/_synapse/admin/v1/server_version')).server_version;
  }
}
