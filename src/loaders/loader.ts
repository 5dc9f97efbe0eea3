import DataLoader from 'dataloader';

/** How an operation's loaders behave: cached (the product) or not (the benchmark's naive mode, one call per field). */
export interface LoaderOptions {
  cache: boolean;
}

/**
 * A loader over an endpoint that takes one key per call: Synapse has no batch endpoints, so there is nothing to
 * batch; what it buys is one call per key and operation, whatever aliases or nesting ask for it.
 */
export function perKey<V>(load: (key: string) => Promise<V>, { cache }: LoaderOptions): DataLoader<string, V> {
  return new DataLoader<string, V>((keys) => Promise.all(keys.map((key) => load(key).catch((error: unknown) => toError(error)))), { batch: false, cache });
}

/** A value with no key: fetched once per operation (or every time, uncached). */
export function once<V>(load: () => Promise<V>, { cache }: LoaderOptions): () => Promise<V> {
  if (!cache) return load;
  let pending: Promise<V> | undefined;
  return () => (pending ??= load());
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
