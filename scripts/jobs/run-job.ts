import { setTimeout as sleep } from 'node:timers/promises';
import type { JobItemStatus, JobKind } from '../../test/gql/graphql.js';
import { UsageError, type CommonArgs } from './args.js';
import { confirm } from './confirm.js';
import { exitCodes, JobScriptError } from './exit-codes.js';
import { followJob } from './follow.js';
import { GatewayError, JobsGateway } from './gateway-client.js';
import { ScriptJob, ScriptJobItems, ScriptStartJob } from './operations.js';
import type { Job, JobItem } from './plan-table.js';
import { activity, finishedStatuses, HumanOutput, JsonOutput, type JobOutput } from './progress.js';

/** What makes one job script: its kind, how it reads its arguments and plans, how its plan reads to a person. */
export interface JobScript {
  /** The npm script, for the hints the script prints. */
  name: string;
  kind: JobKind;
  /** Said on stderr while the gateway plans (a plan walks every page of a list: it can take a while). */
  planning: string;
  /** The arguments: the common ones, and the plan the others ask for. Throws UsageError. */
  parse(argv: string[]): { common: CommonArgs; plan(gateway: JobsGateway): Promise<Job> };
  /** The plan as text: a table and its totals. */
  describe(job: Job, items: JobItem[]): string;
  /** The question before starting, e.g. "Delete these 12 rooms?". */
  question(job: Job): string;
}

/** Every item of a job (of one status), page by page. */
export async function allItems(gateway: JobsGateway, id: string, status?: JobItemStatus): Promise<JobItem[]> {
  const items: JobItem[] = [];
  for (let after: string | null | undefined; ; ) {
    const page = (await gateway.execute(ScriptJobItems, { id, after, status })).job?.items;
    if (!page) throw new JobScriptError(`job ${id} is no longer known to the gateway`, exitCodes.gateway);
    items.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return items;
    after = page.pageInfo.endCursor;
  }
}

/** 0 only when every item is done or skipped. */
export function exitCodeOf(job: Job): number {
  const { progress } = job;
  if (job.status === 'CANCELLED') return exitCodes.cancelled;
  const allSettled = progress.failed === 0 && progress.cancelled === 0 && progress.pending === 0 && progress.running === 0;
  return job.status === 'COMPLETED' && allSettled ? exitCodes.completed : exitCodes.failed;
}

/** Runs a job script to its exit: plan (or the job given), review, confirm, start, follow, sum up. */
export async function runJobScript(script: JobScript): Promise<never> {
  let args: ReturnType<JobScript['parse']>;
  let endpoint: URL;
  const token = process.env.TOKEN;
  try {
    args = script.parse(process.argv.slice(2));
    if (!token) throw new UsageError("TOKEN is not set (an admin's Synapse access token). Try --help.");
    try {
      endpoint = new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql');
    } catch {
      throw new UsageError(`GATEWAY_URL is not a URL: ${process.env.GATEWAY_URL}`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(error instanceof JobScriptError ? error.exitCode : exitCodes.usage);
  }
  const output: JobOutput = args.common.json ? new JsonOutput() : new HumanOutput();
  const gateway = new JobsGateway(endpoint, token, (message) => output.notice(message));
  let exitCode: number;
  try {
    exitCode = await run(script, args, gateway, output);
  } catch (error) {
    exitCode = error instanceof JobScriptError ? error.exitCode : exitCodes.failed;
    output.error(error instanceof JobScriptError ? error.message : `unexpected failure: ${(error as Error).stack ?? error}`, exitCode);
  }
  output.stop();
  // A socket still connecting to a gateway that does not answer is not waited for.
  await Promise.race([gateway.close().catch(() => undefined), sleep(1000)]);
  // Pipes are asynchronous on some systems: every event reaches the reader before the exit.
  await new Promise((resolve) => process.stdout.write('', resolve));
  process.exit(exitCode);
}

async function run(script: JobScript, args: ReturnType<JobScript['parse']>, gateway: JobsGateway, output: JobOutput): Promise<number> {
  const reattach = (id: string) => `npm run ${script.name} -- --job ${id}`;
  let job: Job;
  if (args.common.job !== undefined) {
    const found = (await gateway.execute(ScriptJob, { id: args.common.job })).job;
    if (!found) throw new UsageError(`there is no job ${args.common.job}`);
    if (found.kind !== script.kind) throw new UsageError(`job ${found.id} is a ${found.kind} job, not ${script.kind}: this is not the script for it`);
    job = found;
  } else {
    output.notice(`${script.planning}…`);
    job = await args.plan(gateway);
  }

  if (job.status === 'PLANNED') {
    const items = await allItems(gateway, job.id);
    output.plan(job, items, script.describe(job, items));
    if (items.length === 0) {
      output.notice(`Nothing to do: the plan ${job.id} is empty, and nothing was started.`);
      return exitCodes.completed;
    }
    const answer = args.common.yes ? 'yes' : await confirm(script.question(job));
    if (answer === 'no terminal') {
      output.notice(`Not started: there is no terminal to confirm on, and no --yes. Nothing was changed; the plan stays as job ${job.id}. To run it: ${reattach(job.id)} --yes`);
      return exitCodes.completed;
    }
    if (answer === 'no') {
      output.notice(`Not started: nothing was changed. The plan stays as job ${job.id}; to run it later: ${reattach(job.id)} --yes`);
      return exitCodes.declined;
    }
    try {
      job = (await gateway.execute(ScriptStartJob, { id: job.id })).startJob;
      output.notice(`job ${job.id} started: Ctrl-C stops following it, not the job (reattach: ${reattach(job.id)})`);
    } catch (error) {
      if (!(error instanceof GatewayError && error.code === 'CONFLICT')) throw error;
      // Someone started (or cancelled) it between the plan and the answer: follow what it became.
      job = (await gateway.execute(ScriptJob, { id: job.id })).job ?? job;
      output.notice(`job ${job.id} was ${job.status} already: ${error.message}`);
    }
  } else if (!finishedStatuses.has(job.status)) {
    const paused = job.status === 'PAUSED' ? '; resumeJob continues it' : '';
    output.notice(`following job ${job.id}: ${activity(job)}${paused} (Ctrl-C stops following it, not the job)`);
  }

  if (!finishedStatuses.has(job.status)) {
    const stopFollowing = () => {
      output.error(`stopped following job ${job.id}; it goes on in the gateway. Reattach: ${reattach(job.id)}`, exitCodes.interrupted);
      output.stop();
      process.exit(exitCodes.interrupted);
    };
    process.once('SIGINT', stopFollowing);
    process.once('SIGTERM', stopFollowing);
    try {
      job = await followJob(gateway, job, output, reattach(job.id));
    } finally {
      process.off('SIGINT', stopFollowing);
      process.off('SIGTERM', stopFollowing);
    }
  }

  const failed = job.progress.failed > 0 ? await allItems(gateway, job.id, 'FAILED') : [];
  const skipped = job.progress.skipped > 0 ? await allItems(gateway, job.id, 'SKIPPED') : [];
  const exitCode = exitCodeOf(job);
  output.final(job, failed, skipped, exitCode);
  return exitCode;
}
