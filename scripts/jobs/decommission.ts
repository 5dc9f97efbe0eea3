// Decommissions a server through the gateway: deactivates every local user but admins, the caller, appservice users
// and --keep, then deletes the rooms that leaves without a local user. A durable job: planned (nothing changes),
// shown, confirmed, started and followed to its end; survives restarts of the gateway and of itself (--job).
//   GATEWAY_URL=http://127.0.0.1:4000/graphql TOKEN=syt_... npm run decommission -- [--keep USER]... [--no-erase] [--yes] [--json]
import { commonHelp, parseJobArgs, positiveInt } from './args.js';
import { ScriptPlanDecommission } from './operations.js';
import { userPlan } from './plan-table.js';
import { runJobScript } from './run-job.js';

const help = `usage: GATEWAY_URL=... TOKEN=... npm run decommission -- [options]

Deactivates every active local user (guests and locked users included) but admins, the caller, appservice users and
--keep; once Synapse has parted them from their rooms, deletes those of their rooms no local user is left in. The
gateway plans the job first (every page of the user list; nothing is changed) and freezes its users; the plan is
shown, and only then, once confirmed, started. Admins are never deactivated: the plan lists them, and they must
leave their rooms by hand.

Plan options:
  --keep USER               leave this user active (repeatable)
  --no-erase                deactivate without erasing (GDPR erasure is the default)
  --concurrency N           deactivations in flight, 1-16 (default 4)
  --exclude ROOM            keep this room even if no local user is left in it (repeatable)
  --block                   also block each deleted room against future joins
  --delete-concurrency N    room deletes in flight, 1-5 (default 3)

${commonHelp}`;

const options = {
  keep: { type: 'string', multiple: true },
  'no-erase': { type: 'boolean' },
  concurrency: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  block: { type: 'boolean' },
  'delete-concurrency': { type: 'string' },
} as const;

await runJobScript({
  name: 'decommission',
  kind: 'DECOMMISSION',
  planning: 'planning: reading every page of the user list and each user’s rooms (nothing is changed)',
  describe: userPlan,
  question: (job) => {
    const erase = (job.options as { erase?: unknown }).erase !== false;
    return `Deactivate${erase ? ' and erase' : ''} these ${job.progress.total} users, then delete their rooms no local user is left in?`;
  },
  parse: (argv) => {
    const { common, values } = parseJobArgs(argv, options, help);
    const plan = {
      keep: values.keep,
      erase: values['no-erase'] ? false : undefined,
      concurrency: positiveInt('concurrency', values.concurrency),
      exclude: values.exclude,
      block: values.block,
      deleteConcurrency: positiveInt('delete-concurrency', values['delete-concurrency']),
    };
    return { common, plan: async (gateway) => (await gateway.execute(ScriptPlanDecommission, { options: plan })).planDecommission };
  },
});
