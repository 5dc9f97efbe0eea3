import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StoreError, type Queryable, type Store } from './store.js';

/** What the gateway's thread asks of the store's thread (pglite-worker.mjs). */
type StoreRequest = { id: number } & (
  | { kind: 'query'; text: string; params?: unknown[]; tx?: number }
  | { kind: 'begin'; tx: number }
  | { kind: 'end'; tx: number; commit: boolean }
  | { kind: 'close' }
);

/** The answer to request `id`; `opened` once, when the database is open (or failed to open). */
type StoreReply = { id: number; rows?: unknown[]; error?: ThreadError } | { opened: true; error?: string };

/** A statement's error as PostgreSQL gave it (message, SQLSTATE code and the other fields), across the threads. */
type ThreadError = { message: string; name?: string; fields?: Record<string, unknown> };

/** The statement's own error, as PGlite raised it in the thread: our SQL's fault, not the store's being unavailable. */
function statementError(error: ThreadError): Error {
  return Object.assign(new Error(error.message), error.fields ?? {}, { name: error.name ?? 'Error' });
}

type Request = StoreRequest extends infer R ? (R extends StoreRequest ? Omit<R, 'id'> : never) : never;
type Answer = { rows?: unknown[] };

/** PGlite in its own thread, behind the Store interface: each statement is a message to it. */
class PgliteThreadStore implements Store {
  readonly kind = 'pglite' as const;
  private readonly waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  private lastId = 0;
  private lastTx = 0;
  private failure?: StoreError;
  private closing = false;

  constructor(
    private readonly worker: Worker,
    private readonly release: () => void,
    onLost?: (error: StoreError) => void,
  ) {
    worker.on('message', (reply: StoreReply) => {
      if (!('id' in reply)) return;
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(statementError(reply.error));
      else waiter?.resolve(reply);
    });
    // The thread is gone (out of memory, a crash in PGlite): every statement from here on fails, none hangs, and the
    // owner hears of it (the gateway exits, as it did when PGlite ran out of memory in its own thread).
    const gone = (reason: string) => {
      const lost = !this.failure && !this.closing;
      this.failure ??= new StoreError(`The embedded store's thread stopped: ${reason}`);
      for (const waiter of this.waiting.values()) waiter.reject(this.failure);
      this.waiting.clear();
      if (lost) onLost?.(this.failure);
    };
    worker.on('error', (error) => gone(error.message));
    worker.on('exit', (code) => gone(`exit code ${code}`));
  }

  private ask(request: Request): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request } as StoreRequest);
    });
  }

  readonly query = async <Row>(text: string, params?: unknown[]): Promise<Row[]> => (await this.ask({ kind: 'query', text, params })).rows as Row[];

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    // Its statements follow the BEGIN at once (the thread takes them in order): no round trip waits for it.
    const tx = ++this.lastTx;
    const began = this.ask({ kind: 'begin', tx });
    began.catch(() => undefined);
    let result: T;
    try {
      result = await work({ query: async <Row>(text: string, params?: unknown[]) => (await this.ask({ kind: 'query', text, params, tx })).rows as Row[] });
      await began;
    } catch (error) {
      await this.ask({ kind: 'end', tx, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.ask({ kind: 'end', tx, commit: true });
    return result;
  }

  session<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return work(this);
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      await this.ask({ kind: 'close' });
    } finally {
      this.failure ??= new StoreError('The embedded store is closed.');
      await this.worker.terminate();
      this.release();
    }
  }
}

/** The installed PGlite's version (its package exports no package.json). */
export function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** The new data directory made for this PGlite by `npm run pglite:template`, beside this module (src/ or dist/). */
export function pgliteTemplate(): URL {
  return new URL(`pglite-template-${pgliteVersion()}.tar.gz`, import.meta.url);
}

/**
 * Opens PGlite on `directory` in a thread of its own; resolves once it is open. A new directory starts from the
 * template when there is one for this PGlite (`template: false`, or none: initdb, seconds and near 1 GB at its peak).
 */
export async function openPgliteThread(
  directory: string,
  release: () => void,
  { template = true, onLost }: { template?: boolean; onLost?: (error: StoreError) => void } = {},
): Promise<Store> {
  const templateFile = template ? pgliteTemplate() : undefined;
  // Plain JavaScript, beside this module in src/ and (copied by the build) in dist/: the thread takes none of the
  // process's loaders (--import). A small young generation: its data lives in PGlite's WebAssembly memory.
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { directory, template: templateFile && existsSync(templateFile) ? fileURLToPath(templateFile) : undefined },
    execArgv: [],
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  await new Promise<void>((opened, failed) => {
    const onMessage = (reply: StoreReply) => {
      if (!('opened' in reply)) return;
      cleanup();
      if (reply.error === undefined) opened();
      else void worker.terminate().finally(() => failed(new StoreError(`PGlite could not open ${directory}: ${reply.error}`)));
    };
    const onExit = (code: number) => {
      cleanup();
      failed(new StoreError(`The embedded store's thread ended (exit code ${code}) before ${directory} was open.`));
    };
    const onError = (error: Error) => {
      cleanup();
      void worker.terminate();
      failed(new StoreError(`The embedded store's thread failed before ${directory} was open: ${error.message}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.once('error', onError);
  });
  return new PgliteThreadStore(worker, release, onLost);
}
