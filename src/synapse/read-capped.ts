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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new BodyTooLargeError(`body over ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

/** A pass-through that fails with BodyTooLargeError once more than `maxBytes` went through (a stream's cap). */
export function capped(maxBytes: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) callback(new BodyTooLargeError(`body over ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
}
