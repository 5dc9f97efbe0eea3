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

/**
 * What an operation already has of the entities it carries as IDs (rooms, users), for their fields to read without a
 * promise each: most of an entity's fields read what its first field loaded, and a promise per field costs the
 * executor more than the field. A list page's entry wins over the details for the list-level fields, as it does in
 * the summary loaders. Uncached (the naive mode), nothing is kept.
 */
export class SettledEntities<Summary, Details extends Summary> {
  readonly summaries = new Map<string, Summary>();
  readonly details = new Map<string, Details>();
  /** How many times each entity was forgotten: a read out while it was is not kept when it arrives. */
  private readonly forgotten = new Map<string, number>();

  constructor(private readonly options: LoaderOptions) {}

  /** The details loader: perKey over `load`, each entity that arrives kept. */
  detailsLoader(load: (id: string) => Promise<Details | null>): DataLoader<string, Details | null> {
    return perKey(async (id) => {
      const forgotten = this.forgotten.get(id);
      const entity = await load(id);
      if (this.forgotten.get(id) === forgotten) this.detailsArrived(id, entity);
      return entity;
    }, this.options);
  }

  private detailsArrived(id: string, entity: Details | null): void {
    if (!entity || !this.options.cache) return;
    this.details.set(id, entity);
    if (!this.summaries.has(id)) this.summaries.set(id, entity);
  }

  summaryArrived(id: string, entity: Summary): void {
    if (this.options.cache) this.summaries.set(id, entity);
  }

  forget(id: string): void {
    this.forgotten.set(id, (this.forgotten.get(id) ?? 0) + 1);
    this.summaries.delete(id);
    this.details.delete(id);
  }
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
