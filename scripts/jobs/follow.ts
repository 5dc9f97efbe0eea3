import { setTimeout as sleep } from 'node:timers/promises';
import { exitCodes, JobScriptError } from './exit-codes.js';
import { GatewayError, type JobsGateway } from './gateway-client.js';
import { ScriptFollowJob, ScriptJob, ScriptResumeJob } from './operations.js';
import type { Job } from './plan-table.js';
import { finishedStatuses, type JobOutput } from './progress.js';

/**
 * Follows a job to its end through its subscription, which yields the job now and after each change. The
 * subscription survives the gateway: graphql-ws reconnects and subscribes again, and a stream the gateway completed
 * early (it does when it shuts down) is subscribed to again. A restarted gateway has lost the job's token (it keeps
 * tokens in memory only) and waits for an admin: the script is one, and resumes the job with its own TOKEN.
 */
export async function followJob(gateway: JobsGateway, job: Job, output: JobOutput, reattach: string): Promise<Job> {
  const { id } = job;
  /** The connection the script last resumed the job on: waiting again on the same one is not a restart. */
  let resumedOn: number | undefined;

  const resume = async () => {
    // A snapshot can predate a resume that already happened: only the job as it is now counts.
    const now = (await gateway.execute(ScriptJob, { id })).job;
    if (now?.status !== 'WAITING_FOR_CREDENTIALS') return;
    if (resumedOn === gateway.connections) {
      throw new JobScriptError(
        `job ${id} waits for credentials again right after this script resumed it with TOKEN${now.error ? ` (${now.error})` : ''}; ` +
          `it stays there: resume it with another admin's token (TOKEN=... ${reattach})`,
        exitCodes.gateway,
      );
    }
    output.notice(`job ${id} waits for credentials (a restarted gateway holds no token, or the token running it stopped working): resuming it with TOKEN`);
    try {
      await gateway.execute(ScriptResumeJob, { id });
      resumedOn = gateway.connections;
    } catch (error) {
      // Someone else resumed (or paused, or cancelled) it meanwhile: the subscription shows what became of it.
      if (error instanceof GatewayError && error.code === 'CONFLICT') return;
      if (error instanceof JobScriptError) throw new JobScriptError(`cannot resume job ${id} with TOKEN: ${error.message}; it waits for an admin (${reattach})`, error.exitCode);
      throw error;
    }
  };

  let current = job;
  for (;;) {
    for await (const { job: next } of gateway.subscribe(ScriptFollowJob, { id })) {
      current = next;
      output.progress(current);
      if (finishedStatuses.has(current.status)) return current;
      if (current.status === 'WAITING_FOR_CREDENTIALS') await resume();
    }
    const now = (await gateway.execute(ScriptJob, { id })).job;
    if (!now) throw new JobScriptError(`job ${id} is no longer known to the gateway`, exitCodes.gateway);
    if (finishedStatuses.has(now.status)) {
      output.progress(now);
      return now;
    }
    // The gateway ended the stream while the job goes on (it is shutting down): a moment, then follow again.
    await sleep(1000);
  }
}
