import type { AbortSource } from './synapse/call-scope.js';

/**
 * A client going away (an HTTP client hanging up before its answer, a WebSocket closing), for the operations it
 * started: their upstream calls stop. A Set of listeners, where an AbortController is an EventTarget, with an event
 * object per abort and listener bookkeeping on every operation.
 */
export class ClientDeparture implements AbortSource {
  aborted = false;
  readonly reason = undefined;
  private listeners?: Set<() => void>;

  addEventListener(_type: 'abort', listener: () => void): void {
    (this.listeners ??= new Set()).add(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners?.delete(listener);
  }

  /** The client is gone: told once. */
  depart(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }
}
