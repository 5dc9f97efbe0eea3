import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './store.js';

const lockName = 'gateway.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This process's exclusive hold on a data directory. PGlite takes none, and two processes on one directory silently
 * lose acknowledged commits: a second gateway refuses to start instead. A lock left by a killed process (its pid no
 * longer alive) is taken over.
 */
export function lockDirectory(directory: string): { release(): void } {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, lockName);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(path, 'utf8').trim());
      } catch {
        continue;
      }
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new StoreError(
          `The data directory ${directory} is in use by another process (pid ${holder}). Stop it, or give this gateway its own DATA_DIR; ` +
            'several gateways share one store only through DATABASE_URL (PostgreSQL).',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new StoreError(`Could not lock the data directory ${directory}: ${path} keeps coming back.`);
}
