import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { cost } from '../cost/field-cost.js';
import { createDecommissionJob, createPurgeJob } from '../jobs/job-plans.js';
import { JobStateConflict } from '../jobs/job-runner.js';
import type { JobItemRecord, JobProgress as JobProgressRecord, JobRecord, JobStatus as JobStatusValue } from '../store/jobs.js';
import { finishedJobStatuses } from '../store/jobs.js';
import { SynapseError } from '../synapse/errors.js';
import { roomIdArg, userIdArg } from './arguments.js';
import { adminCaller, adminCallerCost } from './audited.js';
import { offsetConnection } from './paging.js';
import { User } from './users.js';

const values = <T extends string>(...names: T[]) => Object.fromEntries(names.map((name) => [name, { value: name }])) as { [K in T]: { value: K } };

export const JobKind = builder.enumType('JobKind', { values: values('PURGE_EMPTY_ROOMS', 'DECOMMISSION') });
export const JobStatus = builder.enumType('JobStatus', {
  values: {
    PLANNED: { value: 'PLANNED', description: 'Targets frozen, nothing changed: the dry run, for review.' },
    RUNNING: { value: 'RUNNING' },
    PAUSED: { value: 'PAUSED', description: 'No new item starts; items under way finish.' },
    WAITING_FOR_CREDENTIALS: {
      value: 'WAITING_FOR_CREDENTIALS',
      description:
        'No gateway holds a working token for the job any more (restarted, or the token stopped working): an admin must call resumeJob. ' +
        'Tokens stay in memory; among replicas, each one that took startJob, resumeJob or a `job` subscription for a job works on it.',
    },
    COMPLETED: { value: 'COMPLETED', description: 'Every item is done or skipped.' },
    FAILED: { value: 'FAILED', description: 'Some items failed (see their errors), or the job could not go on (see error).' },
    CANCELLED: { value: 'CANCELLED' },
  } as const,
});
const JobPhase = builder.enumType('JobPhase', {
  values: {
    DEACTIVATE_USERS: { value: 'DEACTIVATE_USERS' },
    WAIT_FOR_PARTING: { value: 'WAIT_FOR_PARTING', description: "Synapse's background parting empties the deactivated users' rooms." },
    PURGE_ROOMS: { value: 'PURGE_ROOMS' },
  } as const,
});
const JobItemStatus = builder.enumType('JobItemStatus', { values: values('PENDING', 'RUNNING', 'DONE', 'FAILED', 'SKIPPED', 'CANCELLED') });
const JobItemAction = builder.enumType('JobItemAction', { values: values('DELETE_ROOM', 'DEACTIVATE_USER') });

const JobProgress = builder.objectRef<JobProgressRecord>('JobProgress').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    pending: t.exposeInt('pending'),
    running: t.exposeInt('running'),
    done: t.exposeInt('done'),
    failed: t.exposeInt('failed'),
    skipped: t.exposeInt('skipped'),
    cancelled: t.exposeInt('cancelled'),
  }),
});

const JobItem = builder.objectRef<JobItemRecord>('JobItem').implement({
  description: 'One target of a job: a room to delete or a user to deactivate.',
  fields: (t) => ({
    target: t.exposeID('target', { description: 'The room ID or user ID.' }),
    action: t.expose('action', { type: JobItemAction }),
    phase: t.expose('phase', { type: JobPhase }),
    status: t.expose('status', { type: JobItemStatus }),
    attempts: t.exposeInt('attempts'),
    deleteId: t.exposeID('deleteId', { nullable: true, description: "The room delete's ID (its last attempt's)." }),
    error: t.exposeString('error', { nullable: true, description: "Why the last attempt failed, in Synapse's words where it gave them." }),
    skippedReason: t.exposeString('skippedReason', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    review: t.expose('review', {
      type: 'JSON',
      nullable: true,
      description: "What the plan saw, for the admin's review (a room's name, alias, members, creator and where they were read).",
    }),
  }),
});

const itemPages = { defaultSize: 100, maxSize: 1000 };
const jobPages = { defaultSize: 20, maxSize: 100 };

export const Job = builder.objectRef<JobRecord>('Job').implement({
  description: 'A durable bulk job: planned (targets frozen), then run item by item, surviving restarts.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: JobKind }),
    status: t.expose('status', { type: JobStatus }),
    dryRun: t.boolean({ description: 'Never started: nothing was changed.', resolve: (job) => job.startedAt === null }),
    createdBy: t.exposeString('createdBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    options: t.expose('options', { type: 'JSON' }),
    phase: t.expose('phase', { type: JobPhase, nullable: true }),
    progress: t.field({ type: JobProgress, resolve: (job, _args, ctx) => ctx.jobs.jobs.progress(job.id) }),
    items: t.connection(
      {
        type: JobItem,
        description: `In plan order. \`first\` defaults to ${itemPages.defaultSize}, at most ${itemPages.maxSize}.`,
        args: { status: t.arg({ type: JobItemStatus }) },
        resolve: (job, args, ctx) =>
          offsetConnection(
            `job-items:${job.id}:${args.status ?? ''}`,
            args,
            itemPages,
            async (from, limit) => {
              const page = await ctx.jobs.jobs.items(job.id, args.status ?? undefined, from, limit);
              return { items: page.items, total: page.total };
            },
            (item) => item,
          ),
      },
      { name: 'JobItemConnection' },
      { name: 'JobItemEdge' },
    ),
    error: t.exposeString('error', { nullable: true }),
    adminsToHandle: t.field({
      type: [User],
      description: 'Admins a decommission leaves for the operator to handle by hand.',
      resolve: (job) => job.adminsToHandle,
    }),
  }),
});

const jobIdArg = z.string().regex(/^job_[A-Za-z0-9_-]{1,64}$/, 'is not a job ID');

async function existingJob(ctx: Context, id: string): Promise<JobRecord> {
  const job = await ctx.jobs.jobs.get(id);
  if (!job) throw new SynapseError('NOT_FOUND', `There is no job ${id}.`);
  return job;
}

builder.queryFields((t) => ({
  job: t.field({
    type: Job,
    nullable: true,
    description: 'A job by its ID; null when there is none.',
    extensions: adminCallerCost,
    args: { id: t.arg.id({ required: true, validate: jobIdArg }) },
    resolve: async (_root, { id }, ctx) => {
      await adminCaller(ctx);
      return ctx.jobs.jobs.get(id);
    },
  }),
  jobs: t.connection(
    {
      type: Job,
      description: `Jobs, newest first. \`first\` defaults to ${jobPages.defaultSize}, at most ${jobPages.maxSize}.`,
      extensions: adminCallerCost,
      args: { kind: t.arg({ type: JobKind }), status: t.arg({ type: JobStatus }) },
      resolve: async (_root, args, ctx) => {
        await adminCaller(ctx);
        return offsetConnection(
          `jobs:${args.kind ?? ''}:${args.status ?? ''}`,
          args,
          jobPages,
          async (from, limit) => {
            const page = await ctx.jobs.jobs.list({ kind: args.kind ?? undefined, status: args.status ?? undefined }, from, limit);
            return { items: page.jobs, total: page.total };
          },
          (job) => job,
        );
      },
    },
    { name: 'JobConnection' },
    { name: 'JobEdge' },
  ),
}));

const concurrency = (max: number) => z.number().int().min(1, `must be between 1 and ${max}`).max(max, `must be between 1 and ${max}`);

const PurgeEmptyRoomsOptions = builder.inputType('PurgeEmptyRoomsOptions', {
  fields: (t) => ({
    exclude: t.idList({ description: 'Rooms to keep even if no local user is in them.', validate: z.array(roomIdArg).max(10_000) }),
    block: t.boolean({ defaultValue: false, description: 'Also block each room against future joins.' }),
    purge: t.boolean({ defaultValue: true, description: 'Remove each room and its history from the database.' }),
    forcePurge: t.boolean({ defaultValue: false, description: 'Purge even if local users could not be kicked (needs purge).' }),
    concurrency: t.int({ defaultValue: 3, description: 'Deletes in flight, 1–5 (Synapse runs 5 tasks at once).', validate: concurrency(5) }),
  }),
});

const DecommissionOptions = builder.inputType('DecommissionOptions', {
  fields: (t) => ({
    keep: t.idList({ description: 'Users to leave active besides admins, the caller and appservice users.', validate: z.array(userIdArg).max(10_000) }),
    erase: t.boolean({ defaultValue: true, description: 'Erase each deactivated user (GDPR).' }),
    concurrency: t.int({ defaultValue: 4, description: 'Deactivations in flight, 1–16.', validate: concurrency(16) }),
    exclude: t.idList({ description: 'Rooms phase 2 keeps even if no local user is in them.', validate: z.array(roomIdArg).max(10_000) }),
    block: t.boolean({ defaultValue: false, description: 'Also block each purged room.' }),
    purge: t.boolean({ defaultValue: true }),
    forcePurge: t.boolean({ defaultValue: false }),
    deleteConcurrency: t.int({ defaultValue: 3, description: 'Room deletes in flight in phase 2, 1–5.', validate: concurrency(5) }),
  }),
});

function conflict(error: unknown): never {
  if (error instanceof JobStateConflict) throw new GraphQLError(error.message, { extensions: { code: error.message.startsWith('No job') ? 'NOT_FOUND' : 'CONFLICT' } });
  throw error;
}

type MutationFieldBuilder = Parameters<Parameters<typeof builder.mutationFields>[0]>[0];

/** A move of a job from one status to another, audited; a move to RUNNING runs it with the caller's token. */
function jobControl(t: MutationFieldBuilder, description: string, from: JobStatusValue[], to: JobStatusValue, action: string) {
  return t.field({
    type: Job,
    description,
    extensions: adminCallerCost,
    args: { id: t.arg.id({ required: true, validate: jobIdArg }) },
    resolve: async (_root, { id }, ctx) => {
      const actor = await adminCaller(ctx);
      await existingJob(ctx, id);
      const job = await ctx.jobs.runner.transition(id, from, to, action, actor, ctx.operation.requestId).catch(conflict);
      if (to === 'RUNNING') await ctx.jobs.runner.run(job, { client: ctx.synapse.detached(), actor });
      return job;
    },
  });
}

const planCost = cost.dataDependent('the plan walks every page of the room or user list (no budget: it runs as a job)', adminCallerCost);

builder.mutationFields((t) => ({
  planPurgeEmptyRooms: t.field({
    type: Job,
    description:
      'Plans the purge of every room no local user is in (every page of the room list) and freezes them as the job’s items: the dry run, ' +
      'status PLANNED, nothing deleted. startJob runs it.',
    extensions: planCost,
    args: { options: t.arg({ type: PurgeEmptyRoomsOptions }) },
    resolve: async (_root, { options }, ctx) => {
      const actor = await adminCaller(ctx);
      if (options?.forcePurge && options.purge === false) throw new GraphQLError('options.forcePurge only applies with options.purge: true', { extensions: { code: 'BAD_USER_INPUT' } });
      return createPurgeJob(ctx.jobs, ctx.synapse.detached(), actor, {
        exclude: options?.exclude ?? [],
        block: options?.block ?? false,
        purge: options?.purge ?? true,
        forcePurge: options?.forcePurge ?? false,
        concurrency: options?.concurrency ?? 3,
      });
    },
  }),
  planDecommission: t.field({
    type: Job,
    description:
      'Plans a decommission: phase 1 deactivates every active local user (guests and locked users included) but admins, the caller, ' +
      'appservice users and `keep`; phase 2, once Synapse has parted them from their rooms, purges the rooms no local user is in. ' +
      'Status PLANNED, nothing changed; adminsToHandle lists the admins left.',
    extensions: planCost,
    args: { options: t.arg({ type: DecommissionOptions }) },
    resolve: async (_root, { options }, ctx) => {
      const actor = await adminCaller(ctx);
      return createDecommissionJob(ctx.jobs, ctx.synapse.detached(), actor, {
        keep: options?.keep ?? [],
        erase: options?.erase ?? true,
        concurrency: options?.concurrency ?? 4,
        exclude: options?.exclude ?? [],
        block: options?.block ?? false,
        purge: options?.purge ?? true,
        forcePurge: options?.forcePurge ?? false,
        deleteConcurrency: options?.deleteConcurrency ?? 3,
      });
    },
  }),
  startJob: jobControl(t, 'Runs a planned job with the caller’s token (held in memory only).', ['PLANNED'], 'RUNNING', 'startJob'),
  pauseJob: jobControl(t, 'Starts no new item; items under way finish.', ['RUNNING', 'WAITING_FOR_CREDENTIALS'], 'PAUSED', 'pauseJob'),
  resumeJob: jobControl(
    t,
    'Runs a paused job, or one waiting for credentials, with the caller’s token; items a stopped gateway left in flight are checked with Synapse first.',
    ['PAUSED', 'WAITING_FOR_CREDENTIALS'],
    'RUNNING',
    'resumeJob',
  ),
  cancelJob: jobControl(
    t,
    'Cancels every item not started; items under way finish (a room delete Synapse has begun cannot be stopped).',
    ['PLANNED', 'RUNNING', 'PAUSED', 'WAITING_FOR_CREDENTIALS'],
    'CANCELLED',
    'cancelJob',
  ),
}));

const isFinished = (status: JobStatusValue) => finishedJobStatuses.includes(status);

builder.subscriptionField('job', (t) =>
  t.field({
    type: Job,
    description: 'The job now, then after every change (progress coalesced to a few events a second); completes when the job ends.',
    extensions: adminCallerCost,
    args: { id: t.arg.id({ required: true, validate: jobIdArg }) },
    subscribe: async function* (_root, { id }, ctx) {
      const actor = await adminCaller(ctx);
      const job = await existingJob(ctx, id);
      // Among replicas, a subscriber's token lets this one work on the job too (see JobStatus.WAITING_FOR_CREDENTIALS).
      await ctx.jobs.runner.offer(job, { client: ctx.synapse.detached(), actor });
      const changes = ctx.jobs.events.follow(id, 250);
      try {
        for await (const _ of changes) {
          const job = (await ctx.jobs.jobs.get(id))!;
          yield job;
          if (isFinished(job.status)) return;
        }
      } finally {
        await changes.return();
      }
    },
    resolve: (job: JobRecord) => job,
  }),
);
