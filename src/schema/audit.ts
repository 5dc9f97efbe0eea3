import { z } from 'zod';
import { builder } from '../builder.js';
import type { AuditEntry as AuditEntryRecord } from '../store/audit-log.js';
import { adminCaller, adminCallerCost } from './audited.js';
import { badUserInput } from '../errors.js';
import { relayConnection } from './paging.js';

const AuditOutcome = builder.enumType('AuditOutcome', {
  values: {
    PENDING: { value: 'PENDING', description: 'Written before the upstream call; the outcome is not known (yet, or the gateway stopped).' },
    OK: { value: 'OK' },
    FAILED: { value: 'FAILED' },
  } as const,
});

const AuditEntry = builder.objectRef<AuditEntryRecord>('AuditEntry').implement({
  description: 'One destructive action, single or part of a job. Appended before the upstream call, completed once with its outcome.',
  fields: (t) => ({
    id: t.id({ resolve: (entry) => String(entry.id) }),
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor', { description: 'The admin whose token made the call.' }),
    action: t.exposeString('action', { description: 'The mutation, or deleteRoom / deactivateUser for a job item.' }),
    target: t.exposeString('target', { nullable: true }),
    arguments: t.expose('arguments', { type: 'JSON', description: 'Never a password or a token.' }),
    outcome: t.expose('outcome', { type: AuditOutcome }),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    message: t.exposeString('message', { nullable: true }),
    requestId: t.exposeString('requestId', { nullable: true }),
    jobId: t.exposeID('jobId', { nullable: true }),
    recovery: t.expose('recovery', {
      type: 'JSON',
      nullable: true,
      description: "For room deletes: what the rooms API's \"Undoing room deletions\" guide needs (name, topic, aliases, join rules, members, power levels, blocked).",
    }),
  }),
});

const auditPages = { defaultSize: 100, maxSize: 1000 };

const cursorOf = (id: number) => Buffer.from(`audit:${id}`).toString('base64url');

function entryIdOf(cursor: string): number {
  const match = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badUserInput(`"${cursor}" is not a cursor of the audit log`);
  return Number(match[1]);
}
const filterText = z.string().min(1).max(255);

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEntry,
      description: `The audit log, newest first; filters combine. \`first\` defaults to ${auditPages.defaultSize}, at most ${auditPages.maxSize}.`,
      extensions: adminCallerCost,
      args: {
        actor: t.arg.string({ validate: filterText }),
        action: t.arg.string({ validate: filterText }),
        target: t.arg.string({ validate: filterText }),
        jobId: t.arg.id({ validate: filterText }),
        since: t.arg({ type: 'DateTime', description: 'Entries at or after this time.' }),
        until: t.arg({ type: 'DateTime', description: 'Entries before this time.' }),
      },
      resolve: async (_root, args, ctx) => {
        await adminCaller(ctx);
        const filter = {
          actor: args.actor ?? undefined,
          action: args.action ?? undefined,
          target: args.target ?? undefined,
          jobId: args.jobId ?? undefined,
          since: args.since ?? undefined,
          until: args.until ?? undefined,
        };
        if (args.last != null || args.before != null) throw badUserInput('The audit log pages forward only: use first and after');
        const first = args.first ?? auditPages.defaultSize;
        if (first < 0 || first > auditPages.maxSize) throw badUserInput(`first must be between 0 and ${auditPages.maxSize}, got ${first}`);
        const page = await ctx.jobs.audit.list(filter, args.after ? entryIdOf(args.after) : undefined, first + 1);
        const entries = page.entries.slice(0, first);
        const edges = entries.map((entry) => ({ cursor: cursorOf(entry.id), node: entry }));
        return relayConnection(edges, page.total, { hasPreviousPage: args.after != null, hasNextPage: page.entries.length > first });
      },
    },
    { name: 'AuditEntryConnection' },
    { name: 'AuditEntryEdge' },
  ),
);
