// The embedded store's own thread: PGlite opens here (a new directory from the template) and runs every statement, so that
// neither its seconds of opening nor its CPU per statement hold up the gateway's requests and timers. Plain
// JavaScript: the same file runs from source and from dist/, with no TypeScript loader in this thread (which would
// cost the process tens of MiB). The messages are typed in pglite-thread.ts.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { extract } from 'tar';

// PGlite touches its whole buffer pool when it opens: at PostgreSQL's default of 128MB that is half the gateway's
// memory. A job's items and the audit log's recent entries fit in 32MB; older pages come from the OS's page cache.
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

const port = parentPort;
/** Open transactions by the gateway's number for them, each as the promise of its opening. */
/** @type {Map<number, Promise<{ tx: import('@electric-sql/pglite').Transaction, end: (commit: boolean) => void, ended: Promise<void> }>>} */
const transactions = new Map();

const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** A statement's error with PostgreSQL's fields (code, detail, …): structured clone would keep only the message. */
function threadError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = {};
  for (const [key, value] of Object.entries(error)) if (value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  return { message: error.message, name: error.name, fields };
}

/** A transaction held open until `end`: PGlite keeps its transaction lock meanwhile, as it does for a callback. */
function begin(db) {
  return new Promise((began, failed) => {
    let opened = false;
    const ended = db.transaction(async (tx) => {
      const commit = await new Promise((end) => {
        opened = true;
        began({ tx, end, ended });
      });
      if (!commit) await tx.rollback();
    });
    ended.catch((error) => {
      if (!opened) failed(error);
    });
  });
}

async function handle(db, request) {
  switch (request.kind) {
    case 'query': {
      const on = request.tx === undefined ? db : (await opened(request.tx)).tx;
      return { rows: (await on.query(request.text, request.params)).rows };
    }
    case 'begin': {
      // Kept at once, before PGlite's lock is granted: the transaction's statements arrive right behind this.
      const opening = begin(db);
      transactions.set(request.tx, opening);
      await opening.catch((error) => {
        transactions.delete(request.tx);
        throw error;
      });
      return {};
    }
    case 'end': {
      const open = await opened(request.tx);
      transactions.delete(request.tx);
      open.end(request.commit);
      // Answered once COMMIT (or ROLLBACK) is through: a commit that failed is the caller's error.
      await open.ended;
      return {};
    }
    case 'close':
      await db.close();
      return {};
    default:
      throw new Error(`Unknown store request ${request.kind}`);
  }
}

function opened(tx) {
  return transactions.get(tx) ?? Promise.reject(new Error('The transaction has ended.'));
}

/**
 * Opens the directory. A new one starts from the template (a data directory as initdb leaves it), unpacked beside it
 * and renamed into place: a kill midway leaves no half-made directory that would look like a database, and the
 * unpacking streams from the file (PGlite's own loadDataDir would hold it whole in memory, and initdb peaks near 1 GB).
 */
async function open(directory, template) {
  if (template && !existsSync(join(directory, 'PG_VERSION'))) {
    const staging = `${directory}.new`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    await extract({ file: template, cwd: staging });
    rmSync(directory, { recursive: true, force: true });
    renameSync(staging, directory);
  }
  return PGlite.create(directory, { startParams });
}

let db;
try {
  db = await open(workerData.directory, workerData.template);
} catch (error) {
  port.postMessage({ opened: true, error: messageOf(error) });
}
if (db) {
  port.on('message', (request) => {
    handle(db, request).then(
      (answer) => port.postMessage({ id: request.id, ...answer }),
      (error) => port.postMessage({ id: request.id, error: threadError(error) }),
    );
  });
  port.postMessage({ opened: true });
}
