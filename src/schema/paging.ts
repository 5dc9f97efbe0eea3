import { badUserInput } from '../errors.js';

/** One page of a Synapse list, as every offset-paged admin endpoint answers (whatever it calls its fields). */
export interface OffsetPage<T> {
  items: T[];
  total: number;
}

export interface PagingArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageSizes {
  defaultSize: number;
  maxSize: number;
}

// No server has two billion of anything; larger offsets are forged, and some make Synapse fail with a 500.
const maxOffset = 2 ** 31 - 1;

/**
 * A Relay connection over Synapse's from/limit paging: `first` (default `defaultSize`) after a cursor, or `last`
 * before one (without `before`, the total comes first from an empty page). Cursors name their connection, so one
 * connection's cursor is refused by another.
 */
export async function offsetConnection<T, N>(
  connection: string,
  args: PagingArgs,
  sizes: PageSizes,
  fetchPage: (from: number, limit: number) => Promise<OffsetPage<T>>,
  toNode: (item: T) => N,
) {
  const first = pageSize('first', args.first, sizes.maxSize);
  const last = pageSize('last', args.last, sizes.maxSize);
  if (first !== undefined && last !== undefined) throw badUserInput('Pass first or last, not both');
  const start = args.after ? fromCursor(connection, args.after) + 1 : 0;
  let end = args.before ? fromCursor(connection, args.before) : undefined;
  let from = start;
  let limit: number;
  if (last !== undefined) {
    end ??= (await fetchPage(0, 0)).total;
    from = Math.max(start, end - last);
    limit = Math.max(0, end - from);
  } else {
    limit = first ?? sizes.defaultSize;
    if (end !== undefined) limit = Math.max(0, Math.min(limit, end - start));
  }
  const page = await fetchPage(from, limit);
  const edges = page.items.map((item, index) => ({ cursor: toCursor(connection, from + index), node: toNode(item) }));
  return relayConnection(edges, page.total, { hasPreviousPage: from > 0, hasNextPage: from + page.items.length < page.total });
}

/** A Relay connection from its edges, however they were paged. */
export function relayConnection<N>(edges: { cursor: string; node: N }[], totalCount: number, pages: { hasPreviousPage: boolean; hasNextPage: boolean }) {
  return {
    edges,
    totalCount,
    pageInfo: { startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null, ...pages },
  };
}

function toCursor(connection: string, offset: number): string {
  return Buffer.from(`${connection}:${offset}`).toString('base64url');
}

function fromCursor(connection: string, cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const prefix = `${connection}:`;
  const offset = Number(text.slice(prefix.length));
  if (!text.startsWith(prefix) || !Number.isSafeInteger(offset) || offset < 0 || offset >= maxOffset) {
    throw badUserInput(`"${cursor}" is not a cursor of this connection`);
  }
  return offset;
}

function pageSize(name: string, value: number | null | undefined, maxSize: number): number | undefined {
  if (value == null) return undefined;
  if (value < 0 || value > maxSize) throw badUserInput(`${name} must be between 0 and ${maxSize}, got ${value}`);
  return value;
}
