import { parseArgs } from 'node:util';
import { exitCodes, exitCodesHelp, JobScriptError } from './exit-codes.js';

/** What both scripts take besides the options of their plan. */
const commonOptions = {
  yes: { type: 'boolean' },
  json: { type: 'boolean' },
  job: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/** Options as parseArgs takes them (the few kinds the scripts use). */
type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** What parseArgs returns for them: each absent unless given. */
export type OptionValues<O extends OptionSpec> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string;
};

export interface CommonArgs {
  /** Start without asking. */
  yes: boolean;
  /** Newline-delimited JSON events on stdout; no table, no bar. */
  json: boolean;
  /** An existing job to show, start or follow instead of planning a new one. */
  job: string | undefined;
}

export const commonHelp = `Common options:
  --yes        start without asking (without a terminal and without --yes, the plan is shown and nothing starts)
  --json       newline-delimited JSON events on stdout (the plan, progress snapshots, the final job);
               messages on stderr
  --job ID     an existing job instead of a new plan: a planned one is shown and started as above (--yes),
               a running, paused or waiting one is followed (and resumed with TOKEN if it waits for credentials),
               a finished one is summed up and exits with the code of its outcome
  --help       this text

Environment: GATEWAY_URL (default http://127.0.0.1:4000/graphql), TOKEN (an admin's Synapse access token).
The job runs in the gateway: Ctrl-C, a lost connection or a restart of the gateway leave it running there
(a restarted gateway holds no token: the script resumes the job with TOKEN when it sees it waiting).

${exitCodesHelp}`;

export class UsageError extends JobScriptError {
  constructor(message: string) {
    super(message, exitCodes.usage);
  }
}

/**
 * The script's arguments: the common ones and `options`, the plan's own (each absent unless given). --help prints
 * `help` and exits 0; anything unknown, any positional argument or a plan option together with --job is a usage error.
 */
export function parseJobArgs<const O extends OptionSpec>(argv: string[], options: O, help: string): { common: CommonArgs; values: OptionValues<O> } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...commonOptions, ...options }, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nTry --help.`);
  }
  const values = parsed.values as OptionValues<O> & OptionValues<typeof commonOptions>;
  if (values.help) {
    console.log(help);
    process.exit(exitCodes.completed);
  }
  const given = Object.keys(options).filter((name) => values[name] !== undefined);
  if (values.job !== undefined && given.length > 0) {
    throw new UsageError(`--job takes an existing job, whose options were fixed when it was planned: ${given.map((name) => `--${name}`).join(', ')} cannot apply`);
  }
  const common: CommonArgs = { yes: values.yes === true, json: values.json === true, job: values.job };
  return { common, values };
}

/** A count option: a positive integer (the gateway checks its upper bound). */
export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} takes a positive integer, not ${JSON.stringify(value)}`);
  return Number(value);
}
