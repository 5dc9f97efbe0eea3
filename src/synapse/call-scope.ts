import { setMaxListeners } from 'node:events';
import { SynapseError } from './errors.js';

/**
 * Who makes the calls of tokens not yet seen to be an admin's: all such tokens together, so that a crowd of made-up
 * tokens shares one small part of the connections instead of a turn each.
 */
export const unverifiedCaller = 'unverified';

export interface CallScopeOptions {
  /** Whose calls these are, for fair sharing of the upstream slots (a token hash, never the token). */
  caller: string;
  /** Most calls the scope may start; further ones fail with QUERY_TOO_EXPENSIVE. */
  budget?: number;
}

// One error for every operation that ends with calls out: nobody reads it (the operation has answered), and an
// error made per operation cost its stack trace each time.
const operationOver = new SynapseError('CANCELLED', 'The operation was over; the call was not needed any more.');

/**
 * The upstream calls of one GraphQL operation: who makes them (fair sharing), how many it may make (budget), and
 * when they must stop (deadline, or the client went away). Every call of the operation carries it.
 */
export class CallScope {
  /** Its own identity once the token is seen to be an admin's; `unverifiedCaller` until then. */
  caller: string;
  /** Charged calls at which further calls are refused. */
  budget: number;
  private allowedFrom = 0;
  /** Calls charged against the budget (one per request, retries excluded). */
  charged = 0;
  /** HTTP attempts made, retries included (for the access log and metrics). */
  attempts = 0;
  /** Made on first use: most subscriptions' scopes never make a call (10,000 subscribers hold 10,000 scopes). */
  private controller?: AbortController;
  private deadline?: NodeJS.Timeout;

  constructor({ caller, budget = Number.POSITIVE_INFINITY }: CallScopeOptions) {
    this.caller = caller;
    this.budget = budget;
  }

  /** Aborted when the deadline passes or the client goes away; `reason` is the SynapseError to report. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      // Every queued call of the operation listens on it: a thousand listeners is expected, not a leak.
      setMaxListeners(0, this.controller.signal);
    }
    return this.controller.signal;
  }

  /** Counts one more call against the budget, or refuses it. */
  charge(what: string): void {
    if (this.charged >= this.budget) {
      const limit = this.budget - this.allowedFrom;
      throw new SynapseError(
        'QUERY_TOO_EXPENSIVE',
        `Not calling ${what}: this operation already made the ${limit} upstream calls it may make (MAX_UPSTREAM_CALLS); ` +
          'the rest of the response stands. Ask for fewer items per request.',
        undefined,
        undefined,
        { limit },
      );
    }
    this.charged++;
  }

  /** Starts the operation's clock: queued and in-flight calls are abandoned once it runs out. */
  startDeadline(ms: number): void {
    if (this.deadline || this.controller?.signal.aborted) return;
    this.deadline = setTimeout(
      () =>
        this.abort(
          new SynapseError(
            'OPERATION_TIMEOUT',
            `The operation ran out of time after ${ms} ms (OPERATION_TIMEOUT_MS), counting time queued for Synapse; ask for less per request, or retry later.`,
          ),
        ),
      ms,
    );
    this.deadline.unref();
  }

  /** The client went away: nobody will read the answers, so nothing more is asked for them. */
  cancel(): void {
    this.abort(new SynapseError('CANCELLED', 'The client went away; the operation was cancelled.'));
  }

  /** Lets the operation make `calls` more calls from now on (the admin check before it does not count). */
  allow(calls: number): void {
    this.allowedFrom = this.charged;
    this.budget = this.charged + calls;
  }

  /** Every further call of the operation fails with `error` (its token was refused), without reaching Synapse. */
  refuseAll(error: SynapseError): void {
    this.abort(error);
  }

  /**
   * The operation is over: its clock stops, and calls still queued or out are abandoned (a non-null field's error can
   * end an operation while calls for its siblings are still under way; nobody will read their answers).
   */
  end(): void {
    clearTimeout(this.deadline);
    if (this.controller && !this.controller.signal.aborted) this.controller.abort(operationOver);
  }

  private abort(reason: SynapseError): void {
    clearTimeout(this.deadline);
    const { signal } = this;
    if (!signal.aborted) this.controller!.abort(reason);
  }
}
