import { z } from 'zod';
import { builder } from '../builder.js';
import { audited, auditedCost } from './audited.js';
import { cost } from '../cost/field-cost.js';
import { SynapseError } from '../synapse/errors.js';
import type { EventReport as EventReportRecord } from '../synapse/event-reports.js';
import { searchTextArg, userIdArg } from './arguments.js';
import { offsetConnection } from './paging.js';
import { OrderDirection, Room } from './rooms.js';
import { User } from './users.js';

// Synapse's report IDs are database row numbers: anything else it refuses with a 400.
const reportIdArg = z.string().regex(/^\d{1,18}$/, 'is not an event report ID (a number)');

/** A report as a list page or a lookup found it; only a lookup carries the event. */
const EventReport = builder.objectRef<EventReportRecord>('EventReport').implement({
  description: 'A user reported an event to the server admins.',
  extensions: { costScope: 'report' },
  fields: (t) => ({
    id: t.exposeID('id'),
    receivedAt: t.expose('received_ts', { type: 'DateTime', nullable: true }),
    roomId: t.exposeString('room_id'),
    room: t.field({ type: Room, description: 'The room the event is in (its fields cost what a room costs).', resolve: (report) => report.room_id }),
    roomName: t.exposeString('name', { nullable: true }),
    canonicalAlias: t.exposeString('canonical_alias', { nullable: true }),
    eventId: t.exposeString('event_id'),
    reporterUserId: t.exposeString('user_id'),
    reporter: t.field({ type: User, description: 'The local user who reported it.', resolve: (report) => report.user_id }),
    senderUserId: t.exposeString('sender', { nullable: true, description: "The reported event's sender; null once the event is gone." }),
    reason: t.exposeString('reason', { nullable: true }),
    score: t.exposeInt('score', { nullable: true, description: "The reporter's rating, from -100 (most offensive) to 0; null when not given, or not a 32-bit integer." }),
    event: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The reported event as Synapse stores it (federation format); null once it has been purged.',
      extensions: cost.perReport('event', 'event report with its event'),
      resolve: async (report, _, ctx) => {
        if (report.event_json) return report.event_json;
        return (await ctx.loaders.eventReports.report.load(report.id))?.event_json ?? null;
      },
    }),
  }),
});

const reportPages = { defaultSize: 100, maxSize: 1000 };

builder.queryFields((t) => ({
  eventReports: t.connection(
    {
      type: EventReport,
      description: `Reported events, newest first by default. Reports in purged rooms are not listed. \`first\` defaults to ${reportPages.defaultSize}, at most ${reportPages.maxSize}.`,
      extensions: cost.page(reportPages.defaultSize, 'event report list page'),
      args: {
        roomId: t.arg.string({ description: 'Reports in rooms whose ID contains this.', validate: searchTextArg }),
        userId: t.arg.string({ description: 'Reports by users whose ID contains this.', validate: searchTextArg }),
        senderUserId: t.arg.string({ description: 'Reports of events sent by exactly this user.', validate: userIdArg }),
        direction: t.arg({ type: OrderDirection, defaultValue: 'b', description: 'By time received: BACKWARD is newest first.' }),
      },
      resolve: (_root, args, ctx) =>
        offsetConnection(
          'event-reports',
          args,
          reportPages,
          async (from, limit) => {
            const page = await ctx.synapse.eventReports.list({
              from,
              limit,
              roomId: args.roomId ?? undefined,
              userId: args.userId ?? undefined,
              senderUserId: args.senderUserId ?? undefined,
              dir: args.direction ?? undefined,
            });
            return { items: page.event_reports, total: page.total };
          },
          (report) => report,
        ),
    },
    { name: 'EventReportConnection' },
    { name: 'EventReportEdge' },
  ),
  eventReport: t.field({
    type: EventReport,
    nullable: true,
    description: 'One report with its event, or null when there is no such report (or its event was purged).',
    extensions: cost.cachedLookup('event report', ['event']),
    args: { id: t.arg.id({ required: true, validate: reportIdArg }) },
    resolve: (_root, { id }, ctx) => ctx.loaders.eventReports.report.load(id),
  }),
}));

builder.mutationField('deleteEventReport', (t) =>
  t.id({
    description: 'Deletes a report (the event stays); returns its ID. An unknown report is NOT_FOUND.',
    extensions: auditedCost(cost.perCall(1, 'event report delete')),
    args: { id: t.arg.id({ required: true, validate: reportIdArg }) },
    resolve: async (_root, { id }, ctx) => {
      await audited(ctx, { action: 'deleteEventReport', target: id }, () => ctx.synapse.eventReports.delete(id));
      return id;
    },
  }),
);
