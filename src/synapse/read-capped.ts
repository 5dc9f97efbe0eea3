import { Transform, type Readable } from 'node:stream';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * Reads a response body as UTF-8, refusing (and discarding) one over `maxBytes`: a misbehaving upstream must not be
 * able to make the gateway buffer hundreds of megabytes. A Content-Length over the cap is refused before reading.
 */
export async function readCapped(body: Readable, maxBytes: number, contentLength?: string | string[]): Promise<string> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (declared > maxBytes) {
    body.destroy();
    throw new BodyTooLargeError(`body of ${declared} bytes`);
  }
  // Events, not `for await`: a stream's async iterator cost more CPU than the rest of reading a small body.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        reject(new BodyTooLargeError(`body over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8')));
    body.once('error', reject);
    // Destroyed without an error (aborted): `end` never comes.
    body.once('close', () => {
      if (!body.readableEnded) reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });
}

export class StalledStreamError extends Error {
  override readonly name = 'StalledStreamError';
}

/**
 * A pass-through that fails with BodyTooLargeError once more than `maxBytes` went through, and with
 * StalledStreamError when no chunk passed for `idleMs`: the upstream sends nothing, or the reader takes nothing
 * (backpressure stops the flow; undici's own body timeout does not run while paused).
 */
export function capped(maxBytes: number, idleMs: number): Transform {
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new BodyTooLargeError(`body over ${maxBytes} bytes`));
      watch();
      callback(null, chunk);
    },
    destroy(error, callback) {
      clearTimeout(timer);
      callback(error);
    },
    flush(callback) {
      clearTimeout(timer);
      callback();
    },
  });
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stream.destroy(new StalledStreamError(`no data moved for ${idleMs} ms`)), idleMs);
    timer.unref();
  };
  watch();
  return stream;
}
