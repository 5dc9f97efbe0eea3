import { useEngine, type Plugin } from '@envelop/core';
import { createSourceEventStream, execute, getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { operationKey } from './operation-key.js';

/**
 * Subscriptions that execute each event once per operation and caller rather than once per subscriber: 10,000
 * subscribers of one delete task with the same document, variables and token share one execution of the selection
 * set and one serialization of each result over SSE (each still gets its own error masking and its own message).
 * Keyed by the caller too, because a resolver may read with the context's token: what one token resolved never
 * reaches another.
 */
export function useSharedSubscriptionExecution(identify: (context: unknown) => string): Plugin {
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>();

  const subscribe = async (args: ExecutionArgs) => {
    if (getOperationAST(args.document, args.operationName)?.operation !== 'subscription') return execute(args);
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const key = `${identify(args.contextValue)}\u0000${operationKey(args.document, args.operationName, args.variableValues)}`;
    return mapAsyncIterator(source, (payload) => {
      if (typeof payload !== 'object' || payload === null) return execute({ ...args, rootValue: payload });
      let byOperation = results.get(payload);
      if (!byOperation) results.set(payload, (byOperation = new Map()));
      let result = byOperation.get(key);
      if (!result) {
        const executed = execute({ ...args, rootValue: payload });
        byOperation.set(key, (result = executed instanceof Promise ? executed.then(serializedOnce) : serializedOnce(executed)));
      }
      return result;
    });
  };
  return useEngine({ subscribe: subscribe as never });
}

/**
 * Yoga's SSE writer serializes a result with the result's own `stringify` when it has one: subscribers sharing a
 * result then share its text too. Not enumerable, so nothing else serializes or copies it.
 */
function serializedOnce(result: ExecutionResult): ExecutionResult {
  let text: string | undefined;
  Object.defineProperty(result, 'stringify', { value: (value: unknown) => (value === result ? (text ??= JSON.stringify(value)) : JSON.stringify(value)) });
  return result;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Maps an async iterable, passing return() through so that unsubscribing reaches the source. */
function mapAsyncIterator<T, R>(source: AsyncIterable<T>, map: (value: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const mapped: AsyncIterableIterator<R> = {
    async next() {
      const step = await iterator.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await map(step.value) };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      if (iterator.throw) await iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
