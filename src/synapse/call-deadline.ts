import { EventEmitter } from 'node:events';
import type { AbortSource } from './call-scope.js';

/**
 * What undici takes for a request's signal: an emitter with `aborted` and `reason`, a fraction of the CPU of an
 * AbortController (an EventTarget, with an event object for each abort).
 */
class AttemptSignal extends EventEmitter {
  aborted = false;
  reason: unknown;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/**
 * The signal of one upstream attempt: aborted when its own timeout passes (connecting, headers and the whole body)
 * or when its operation's calls stop (deadline, client gone, operation over), with that reason. One emitter and one
 * timer: AbortSignal.timeout and AbortSignal.any per call cost more CPU than the rest of a call.
 */
export function callDeadline(timeoutMs: number, operation: AbortSource | undefined): { signal: EventEmitter; clear(): void } {
  const signal = new AttemptSignal();
  const follow = () => signal.abort(operation!.reason);
  if (operation?.aborted) follow();
  else operation?.addEventListener('abort', follow, { once: true });
  const timer = setTimeout(() => signal.abort(timedOut()), timeoutMs);
  return {
    signal,
    clear: () => {
      clearTimeout(timer);
      operation?.removeEventListener('abort', follow);
    },
  };
}

/** Reported like undici's own timeouts. */
function timedOut(): Error {
  return Object.assign(new Error('the call did not complete within its timeout'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
}
