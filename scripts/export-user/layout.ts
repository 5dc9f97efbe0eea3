import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ExportError, exitCodes } from './gateway-client.js';

/**
 * A room or media ID as a file name: kept readable, only what a path cannot hold escaped. IDs are chosen by users
 * (account data may name any room ID): a name too long for the file system keeps its start and a hash.
 */
export function fileName(id: string): string {
  const escaped = id.replace(/[/\\\0%]/g, (c) => encodeURIComponent(c)).replace(/^\.{1,2}$/, (dots) => dots.replace(/\./g, '%2E'));
  if (Buffer.byteLength(escaped) <= maxNameBytes) return escaped;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 16);
  return `${Buffer.from(escaped).subarray(0, 100).toString('utf8').replace(/\uFFFD+$/, '')}~${hash}`;
}

// Linux allows 255 bytes per name; room for an extension and a margin.
const maxNameBytes = 200;

/**
 * The export directory, laid out like Synapse's `export-data` command (user_data/, media_ids/, rooms/<room>/events)
 * with every file a JSON document.
 */
export class ExportLayout {
  constructor(readonly root: string) {}

  /** Synapse's exporter refuses a directory with anything in it: an export is never mixed with another. */
  async create(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      if ((await readdir(this.root)).length > 0) throw new ExportError(`${this.root} is not empty: pick a new directory`, exitCodes.output);
    } catch (error) {
      if (error instanceof ExportError) throw error;
      throw new ExportError(`cannot use ${this.root}: ${(error as Error).message}`, exitCodes.output);
    }
  }

  async json(path: string, value: unknown): Promise<void> {
    await this.text(path, `${JSON.stringify(value, null, 2)}\n`);
  }

  async text(path: string, text: string): Promise<void> {
    const file = join(this.root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }

  /** One JSON value per line, appended as pages arrive (a room can have millions of events). */
  async appendLines(path: string, values: unknown[]): Promise<void> {
    if (values.length === 0) return;
    const file = join(this.root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, values.map((value) => `${JSON.stringify(value)}\n`).join(''), { flag: 'a' });
  }

  async stream(path: string, body: Readable): Promise<void> {
    const file = join(this.root, path);
    await mkdir(dirname(file), { recursive: true });
    await pipeline(body, createWriteStream(file));
  }
}
