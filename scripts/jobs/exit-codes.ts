/**
 * What the job scripts' exit codes mean (also in --help and the README): a wrapper script or a CI step can tell a
 * run that needs a look at failed items from one that never reached the gateway.
 */
export const exitCodes = {
  /** The job completed: every item done or skipped. Also: the plan was shown and nothing was started. */
  completed: 0,
  /** The job failed: some items failed (listed), or the gateway gave up on the job (its error). */
  failed: 1,
  /** Bad arguments, a missing TOKEN, an option the gateway refused, or no such job. */
  usage: 2,
  /** The gateway could not be reached (or was lost for good), refused the token, or failed. */
  gateway: 3,
  /** The job was cancelled. */
  cancelled: 4,
  /** The plan was declined at the prompt: nothing was started. */
  declined: 5,
  /** Interrupted (Ctrl-C) while following: the job goes on in the gateway. */
  interrupted: 130,
} as const;

export const exitCodesHelp = `Exit codes:
  0  the job completed (every item done or skipped), or the plan was shown and nothing started
  1  the job failed: some items failed (listed with their errors), or the gateway gave up on it
  2  usage: bad arguments, TOKEN missing, options the gateway refused, no such job
  3  the gateway could not be reached (or was lost for good), refused the token, or failed
  4  the job was cancelled
  5  the plan was declined at the prompt: nothing was started
  130  interrupted while following: the job goes on in the gateway (reattach with --job ID)`;

/** A failure with the exit code it means for the script. */
export class JobScriptError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
