import type { SimEventReport } from '../homeserver.js';
import { adminPrefix as admin, invalidParam, notFound, offsetPage, parseEnum, route, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

/** Event reports (event_reports.py). */
export function eventReportRoutes(sim: SynapseSimulator): Route[] {
  const { hs } = sim;
  const report = (r: SimEventReport) => {
    const room = hs.rooms.get(r.roomId);
    const event = room?.timeline.find((e) => e.event_id === r.eventId);
    return {
      id: r.id,
      received_ts: r.receivedTs,
      room_id: r.roomId,
      event_id: r.eventId,
      user_id: r.userId,
      score: r.score,
      reason: r.reason,
      sender: event?.sender ?? null,
      canonical_alias: room ? (hs.stateContent(room, 'm.room.canonical_alias')?.alias ?? null) : null,
      name: room ? (hs.stateContent(room, 'm.room.name')?.name ?? null) : null,
    };
  };
  const byId = (raw: string): SimEventReport => {
    if (!/^\d+$/.test(raw)) throw invalidParam('The report_id parameter must be a string representing a positive integer.');
    const found = hs.eventReports.find((r) => r.id === Number(raw));
    if (!found) throw notFound('Event report not found');
    return found;
  };
  return [
    route('event_reports', 'GET', `${admin}/v1/event_reports`, 'admin', ({ query }) => {
      const dir = parseEnum(query, 'dir', ['b', 'f'] as const, 'b');
      const reporter = query.get('user_id');
      const room = query.get('room_id');
      const sender = query.get('event_sender_user_id');
      // Reports in rooms Synapse has no stats for (purged rooms) do not show.
      let rows = hs.eventReports.filter((r) => hs.rooms.has(r.roomId)).map(report);
      if (reporter) rows = rows.filter((r) => r.user_id.includes(reporter));
      if (room) rows = rows.filter((r) => r.room_id.includes(room));
      if (sender) rows = rows.filter((r) => r.sender === sender);
      rows.sort((a, b) => (dir === 'b' ? b.received_ts - a.received_ts || b.id - a.id : a.received_ts - b.received_ts || a.id - b.id));
      const { page, total, nextToken } = offsetPage(rows, query);
      // An integer here, unlike the other lists' strings.
      return [200, { event_reports: page, total, ...(nextToken ? { next_token: Number(nextToken) } : {}) }];
    }),
    route('event_report', 'GET', `${admin}/v1/event_reports/([^/]*)`, 'admin', ({ params }) => {
      const found = byId(params[0]!);
      const event = hs.rooms.get(found.roomId)?.timeline.find((e) => e.event_id === found.eventId);
      if (!event) throw notFound('Event report not found');
      return [200, { ...report(found), event_json: { ...event, auth_events: [], prev_events: [], depth: 1, hashes: {}, signatures: {} } }];
    }),
    route('event_report', 'DELETE', `${admin}/v1/event_reports/([^/]*)`, 'admin', ({ params }) => {
      const found = byId(params[0]!);
      hs.eventReports.splice(hs.eventReports.indexOf(found), 1);
      return [200, {}];
    }),
  ];
}
