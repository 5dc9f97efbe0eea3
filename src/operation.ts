import { randomUUID } from 'node:crypto';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { CallScope } from './synapse/call-scope.js';
import { SynapseError } from './synapse/errors.js';

export type OperationType = 'query' | 'mutation' | 'subscription';

const none: ReadonlySet<never> = new Set();

const requestIdPattern = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane one (it ends up in logs), else a fresh UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && requestIdPattern.test(header) ? header : randomUUID();
}

/**
 * One GraphQL operation as the access log and the metrics see it: created when the request arrives (before
 * anything can refuse it), finished exactly once when its last result is out.
 */
export class Operation {
  readonly startedAt = performance.now();
  type?: OperationType;
  name?: string;
  /** The caller's user ID, once Synapse told it (never the token). */
  userId?: string;
  /** Stands for the token (a hash). */
  identity?: string;
  scope?: CallScope;
  /** Why the gateway refused to run it, for the rejection metrics. */
  rejectedBecause?: string;
  /** Set for a request refused before it became an operation (CSRF, a body that is not GraphQL). */
  httpStatus?: number;
  /** Codes of the errors sent (made on the first one: most operations have none). */
  errorCodes: ReadonlySet<string> = none;
  /** Upstream failures behind the errors, each once however many fields it failed. */
  upstreamFailures: ReadonlySet<SynapseError> = none;
  finished = false;
  private endCallbacks?: (() => void)[];

  constructor(
    readonly requestId: string,
    readonly transport: 'http' | 'ws',
    private readonly onFinish: (operation: Operation) => void = () => {},
  ) {}

  noteResult(result: ExecutionResult): void {
    if (result.errors) this.noteErrors(result.errors);
  }

  noteErrors(errors: readonly unknown[]): void {
    const codes = (this.errorCodes = new Set(this.errorCodes));
    const failures = (this.upstreamFailures = new Set(this.upstreamFailures));
    for (const error of errors) {
      const extensions = error instanceof GraphQLError ? error.extensions : (error as { extensions?: Record<string, unknown> })?.extensions;
      codes.add(typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR');
      const original = (error as { originalError?: unknown })?.originalError;
      if (original instanceof SynapseError) failures.add(original);
    }
  }

  get durationMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Runs `callback` when the operation finishes (at once if it already has). */
  onEnd(callback: () => void): void {
    if (this.finished) callback();
    else (this.endCallbacks ??= []).push(callback);
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.scope?.end();
    for (const callback of this.endCallbacks ?? []) callback();
    this.onFinish(this);
  }
}
