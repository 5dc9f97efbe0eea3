/**
 * The signal of one upstream attempt: aborted when its own timeout passes (connecting, headers and the whole body)
 * or when its operation's signal aborts (deadline, client gone), with that signal's reason. One controller and one
 * timer: AbortSignal.timeout and AbortSignal.any per call cost more CPU than the rest of a call.
 */
export function callDeadline(timeoutMs: number, operation: AbortSignal | undefined): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const follow = () => controller.abort(operation!.reason);
  if (operation?.aborted) follow();
  else operation?.addEventListener('abort', follow, { once: true });
  const timer = setTimeout(() => controller.abort(timedOut()), timeoutMs);
  return {
    signal: controller.signal,
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
