import { z } from 'zod';
import { nullIfNotFound, type AdminApi } from './admin-api.js';
import { emptyObjectSchema, pageToken, timestamp } from './fields.js';

const destinationSchema = z.object({
  destination: z.string(),
  // 0 means "never" for both; timestamp() reads 0 as null.
  retry_last_ts: timestamp,
  retry_interval: z.number().nullish().transform((v) => v ?? 0),
  failure_ts: timestamp,
  last_successful_stream_ordering: z.number().nullish().transform((v) => v ?? null),
});
export type Destination = z.infer<typeof destinationSchema>;
const destinationListSchema = z.object({ destinations: z.array(destinationSchema), total: z.number().int(), next_token: pageToken });
const destinationRoomsSchema = z.object({
  rooms: z.array(z.object({ room_id: z.string(), stream_ordering: z.number().nullish() })),
  total: z.number().int(),
  next_token: pageToken,
});

export interface ListDestinationsParams {
  from: number;
  limit: number;
  search?: string;
  orderBy?: string;
  dir?: 'f' | 'b';
}

/** The federation admin API (synapse/rest/admin/federation.py): the servers this one talks to. */
export class FederationApi {
  constructor(private readonly api: AdminApi) {}

  list(params: ListDestinationsParams) {
    return this.api.get(destinationListSchema, '/_synapse/admin/v1/federation/destinations', undefined, {
      from: params.from,
      limit: params.limit,
      destination: params.search,
      order_by: params.orderBy,
      dir: params.dir,
    });
  }

  destination(name: string): Promise<Destination | null> {
    return nullIfNotFound(this.api.get(destinationSchema, '/_synapse/admin/v1/federation/destinations/{name}', { name }));
  }

  rooms(name: string, page: { from: number; limit: number }) {
    return this.api.get(destinationRoomsSchema, '/_synapse/admin/v1/federation/destinations/{name}/rooms', { name }, { from: page.from, limit: page.limit });
  }

  /** Synapse refuses (400) when there is nothing to reset. */
  async resetConnection(name: string): Promise<void> {
    await this.api.send(emptyObjectSchema, 'POST', '/_synapse/admin/v1/federation/destinations/{name}/reset_connection', { name }, {});
  }
}
