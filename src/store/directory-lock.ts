import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './store.js';

const lockName = 'gateway.lock';

interface Holder {
  pid: number;
  /** The process's start time (Linux /proc): a pid reused by another process after a kill -9 is not the holder. */
  start: string | null;
  nonce: string;
}

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: alive, someone else's.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return holder.start === null || startTimeOf(holder.pid) === holder.start;
}

function readHolder(path: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) && typeof holder.nonce === 'string' ? holder : null;
  } catch {
    return null;
  }
}

/**
 * This process's exclusive hold on a data directory. PGlite takes none, and two processes on one directory silently
 * lose acknowledged commits: a second gateway refuses to start instead. The lock file appears whole (written aside,
 * then linked into place), a lock left by a process that is gone is taken over (moved aside atomically, so two
 * newcomers cannot both take it), and only its holder removes it.
 */
export function lockDirectory(directory: string): { release(): void } {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, lockName);
  const me: Holder = { pid: process.pid, start: startTimeOf(process.pid), nonce: randomBytes(8).toString('hex') };
  const draft = `${path}.${me.nonce}`;
  writeFileSync(draft, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, path);
        let held = true;
        const release = () => {
          if (!held) return;
          held = false;
          if (readHolder(path)?.nonce === me.nonce) rmSync(path, { force: true });
        };
        process.once('exit', release);
        return { release };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder)) {
        throw new StoreError(
          `The data directory ${directory} is in use by another process (pid ${holder.pid}). Stop it, or give this gateway its own DATA_DIR; ` +
            'several gateways share one store only through DATABASE_URL (PostgreSQL).',
        );
      }
      // Gone (or unreadable: a crash mid-write of an older lock format). Moved aside, then checked to be what we judged.
      const aside = `${path}.stale.${me.nonce}`;
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = readHolder(aside);
      if (holder && moved && moved.nonce !== holder.nonce) {
        // Someone took the lock between our look and the move: theirs goes back.
        try {
          linkSync(aside, path);
        } catch {
          // A third process holds it now; ours is the retry below.
        }
      }
      rmSync(aside, { force: true });
    }
    throw new StoreError(`Could not lock the data directory ${directory}: other processes keep taking ${path}.`);
  } finally {
    rmSync(draft, { force: true });
  }
}
