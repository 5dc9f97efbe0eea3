import { z } from 'zod';
import { nullIfNotFound, type AdminApi } from './admin-api.js';
import { emptyObjectSchema, optionalString, pageToken, timestamp } from './fields.js';

const eventReportSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  received_ts: timestamp,
  room_id: z.string(),
  event_id: z.string(),
  user_id: z.string(),
  // Stored as the reporter sent it: Synapse checks it is an integer only without MSC4277, and bounds it never.
  score: z.unknown().transform((v) => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1 ? v : null)),
  reason: optionalString,
  sender: optionalString,
  canonical_alias: optionalString,
  name: optionalString,
  /** Only in a single report. */
  event_json: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? null),
});
export type EventReport = z.infer<typeof eventReportSchema>;
const eventReportListSchema = z.object({ event_reports: z.array(eventReportSchema), total: z.number().int(), next_token: pageToken });

export interface ListEventReportsParams {
  from: number;
  limit: number;
  roomId?: string;
  userId?: string;
  senderUserId?: string;
  dir?: 'f' | 'b';
}

/** Reports of events by users (synapse/rest/admin/event_reports.py): what moderators read first. */
export class EventReportsApi {
  constructor(private readonly api: AdminApi) {}

  list(params: ListEventReportsParams) {
    return this.api.get(eventReportListSchema, '/_synapse/admin/v1/event_reports', undefined, {
      from: params.from,
      limit: params.limit,
      room_id: params.roomId,
      user_id: params.userId,
      event_sender_user_id: params.senderUserId,
      dir: params.dir,
    });
  }

  report(id: string): Promise<EventReport | null> {
    return nullIfNotFound(this.api.get(eventReportSchema, '/_synapse/admin/v1/event_reports/{id}', { id }));
  }

  async delete(id: string): Promise<void> {
    await this.api.send(emptyObjectSchema, 'DELETE', '/_synapse/admin/v1/event_reports/{id}', { id });
  }
}
