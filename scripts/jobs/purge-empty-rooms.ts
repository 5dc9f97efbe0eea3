// Deletes every room no local user is in, as a durable job of the gateway: plans it (nothing changes), shows the
// plan, asks, starts it and follows it to its end; survives restarts of the gateway and of itself (--job).
//   GATEWAY_URL=http://127.0.0.1:4000/graphql TOKEN=syt_... npm run purge-empty-rooms -- [--exclude ROOM]... [--block] [--yes] [--json]
import { commonHelp, parseJobArgs, positiveInt, UsageError } from './args.js';
import { ScriptPlanPurgeEmptyRooms } from './operations.js';
import { roomPlan } from './plan-table.js';
import { runJobScript } from './run-job.js';

const help = `usage: GATEWAY_URL=... TOKEN=... npm run purge-empty-rooms -- [options]

Deletes every room no local user is in. The gateway plans the job first (every page of the room list; nothing is
changed) and freezes its rooms; the plan is shown, and only then, once confirmed, started.

Plan options:
  --exclude ROOM     keep this room even if no local user is in it (repeatable)
  --block            also block each room against future joins
  --no-purge         shut the rooms down, but keep them and their history in the database
  --force-purge      purge even if local users could not be kicked
  --concurrency N    deletes in flight, 1-5 (default 3; Synapse runs 5 tasks at once)

${commonHelp}`;

const options = {
  exclude: { type: 'string', multiple: true },
  block: { type: 'boolean' },
  'no-purge': { type: 'boolean' },
  'force-purge': { type: 'boolean' },
  concurrency: { type: 'string' },
} as const;

await runJobScript({
  name: 'purge-empty-rooms',
  kind: 'PURGE_EMPTY_ROOMS',
  planning: 'planning: reading every page of the room list (nothing is changed)',
  describe: roomPlan,
  question: (job) => `Delete these ${job.progress.total} rooms?`,
  parse: (argv) => {
    const { common, values } = parseJobArgs(argv, options, help);
    if (values['no-purge'] && values['force-purge']) throw new UsageError('--force-purge is about purging: it does not go with --no-purge');
    const plan = {
      exclude: values.exclude,
      block: values.block,
      purge: values['no-purge'] ? false : undefined,
      forcePurge: values['force-purge'],
      concurrency: positiveInt('concurrency', values.concurrency),
    };
    return { common, plan: async (gateway) => (await gateway.execute(ScriptPlanPurgeEmptyRooms, { options: plan })).planPurgeEmptyRooms };
  },
});
