import { getOperationAST, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { InitialContext } from '../context.js';
import { requestIdFrom, type Operation } from '../operation.js';
import type { GatewayRuntime } from '../runtime.js';

/**
 * HTTP operations, from the request to the last result: a request id (the caller's x-request-id, or a new one,
 * echoed in the response), an Operation the context builds on, and its end once the result (or the SSE stream)
 * is out.
 */
export function useOperationTracking(runtime: GatewayRuntime, endpoint: string): Plugin {
  return {
    onRequest({ request, url, serverContext }) {
      // GraphQL requests only (not /health, /metrics, or the GraphiQL page).
      if (url.pathname !== endpoint || (request.method === 'GET' && request.headers.get('accept')?.includes('text/html'))) return;
      // A request the plain POST path read and handed over comes with the operation it started.
      (serverContext as InitialContext).operation ??= runtime.startOperation(requestIdFrom(request.headers.get('x-request-id')), 'http');
    },
    // The operation's type and name as soon as the document is known, so that refusals before execution have them.
    onParse({ context }) {
      const operation = (context as InitialContext).operation;
      if (!operation) return;
      return ({ result }) => {
        if (result instanceof Error || !result) return;
        const ast = getOperationAST(result, (context as { params?: { operationName?: string } }).params?.operationName);
        operation.type ??= ast?.operation;
        operation.name ??= ast?.name?.value;
      };
    },
    onExecutionResult({ result, setResult, context }) {
      const operation = (context as InitialContext).operation;
      if (!operation) return;
      if (isAsyncIterable(result)) setResult(observeStream(result as AsyncIterable<ExecutionResult>, operation, runtime));
      else {
        for (const single of Array.isArray(result) ? result : [result]) operation.noteResult(single as ExecutionResult);
        operation.finish();
      }
    },
    onResponse({ response, serverContext }) {
      const operation = (serverContext as InitialContext).operation;
      if (!operation) return;
      response.headers.set('x-request-id', operation.requestId);
      endUnanswered(operation, response);
    },
  };
}

/**
 * An operation refused before it became one (CSRF, a body that is not GraphQL) ends with its response, logged all
 * the same. A stream ends later, with its last event.
 */
export function endUnanswered(operation: Operation, response: Response): void {
  if (operation.finished || response.headers.get('content-type')?.includes('text/event-stream')) return;
  operation.httpStatus = response.status;
  operation.rejectedBecause ??= 'bad_request';
  if (operation.errorCodes.size === 0) operation.noteErrors([{ extensions: { code: 'BAD_REQUEST' } }]);
  operation.finish();
}

/** The stream as the client gets it, each result noted; the operation ends with the stream, whoever ends it. */
function observeStream(source: AsyncIterable<ExecutionResult>, operation: Operation, runtime: GatewayRuntime): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const end = () => {
    runtime.sseStreams.delete(observed);
    operation.finish();
  };
  const observed: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      try {
        const step = await iterator.next();
        if (step.done) end();
        else operation.noteResult(step.value);
        return step;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return() {
      end();
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      end();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return observed;
    },
  };
  runtime.sseStreams.add(observed);
  return observed;
}
