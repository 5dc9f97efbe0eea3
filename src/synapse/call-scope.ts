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

/** What stops calls: a CallScope, or an AbortSignal. */
export interface AbortSource {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * The upstream calls of one GraphQL operation: who makes them (fair sharing), how many it may make (budget), and
 * when they must stop (deadline, or the client went away). Every call of the operation carries it.
 */
export class CallScope implements AbortSource {
  /** Its own identity once the token is seen to be an admin's; `unverifiedCaller` until then. */
  caller: string;
  /** Charged calls at which further calls are refused. */
  budget: number;
  private allowedFrom = 0;
  /** Calls charged against the budget (one per request, retries excluded). */
  charged = 0;
  /** HTTP attempts made, retries included (for the access log and metrics). */
  attempts = 0;
  /** Why its calls stop, once they do. */
  private abortReason?: SynapseError;
  /** Told once when the calls stop: the calls out and waiting (a Set costs a fraction of an AbortSignal's listeners). */
  private listeners?: Set<() => void>;
  /** Made only for what needs a real AbortSignal (a wait between retries, a download). */
  private controller?: AbortController;
  private deadline?: NodeJS.Timeout;

  constructor({ caller, budget = Number.POSITIVE_INFINITY }: CallScopeOptions) {
    this.caller = caller;
    this.budget = budget;
  }

  /** Whether its calls stop: the deadline passed, the client went away, the operation is over. */
  get aborted(): boolean {
    return this.abortReason !== undefined;
  }

  /** The SynapseError to report for the calls that stopped. */
  get reason(): SynapseError | undefined {
    return this.abortReason;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    (this.listeners ??= new Set()).add(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners?.delete(listener);
  }

  /** The same as an AbortSignal, for the APIs that take only that. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      // Every queued call of the operation may listen on it: a thousand listeners is expected, not a leak.
      setMaxListeners(0, this.controller.signal);
      if (this.abortReason) this.controller.abort(this.abortReason);
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
    if (this.deadline || this.aborted) return;
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
    this.abort(operationOver);
  }

  private abort(reason: SynapseError): void {
    clearTimeout(this.deadline);
    if (this.abortReason) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }
}
