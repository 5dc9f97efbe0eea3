import pLimit from 'p-limit';

/** `work` over every item, at most `concurrency` at a time; results in the items' order. */
export function mapConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(concurrency);
  return Promise.all(items.map((item) => limit(() => work(item))));
}
