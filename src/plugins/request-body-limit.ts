import { createGraphQLError, type Plugin } from 'graphql-yoga';

type RequestParser = Parameters<NonNullable<Plugin['onRequestParse']>>[0]['requestParser'];

// Only one non-negative integer is a Content-Length; anything else (a list, a sign) is a smuggling attempt.
const contentLengthPattern = /^\d+$/;

// The connection closes after the answer: the rest of the body is never read, so the socket cannot serve another.
const tooLarge = (limit: number) =>
  createGraphQLError(`The request body is over the ${limit} bytes allowed (MAX_REQUEST_BYTES): send a smaller operation, or raise the limit.`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413, headers: { connection: 'close' } } },
  });

/**
 * The request body limit, cheaply. Yoga's own pipes every body through a counting stream, which cost as much CPU
 * as the rest of its pipeline. A body with a valid Content-Length needs no counting: it is checked against the
 * limit, and Node's HTTP parser never delivers more than it announces (nor accepts it beside chunked encoding). Only
 * a body without one (chunked) is read here, up to the limit, before the parser sees it. (In-process callers of
 * yoga.fetch could announce a false length: they are the tests and the benchmark.)
 */
export function useRequestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      // Node refuses Content-Length beside Transfer-Encoding, unless run with --insecure-http-parser: then count.
      if (contentLength !== null && !request.headers.has('transfer-encoding')) {
        if (!contentLengthPattern.test(contentLength)) {
          throw createGraphQLError('The Content-Length header is not a single number of bytes.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        }
        if (Number(contentLength) > limit) throw tooLarge(limit);
        return;
      }
      if (!requestParser || !request.body) return;
      const parse: NonNullable<RequestParser> = requestParser;
      setRequestParser(async (unbounded) => {
        const body = await readAtMost(unbounded.body!, limit);
        return parse(new fetchAPI.Request(unbounded.url, { method: unbounded.method, headers: unbounded.headers, signal: unbounded.signal, body }));
      });
    },
  };
}

/** The whole stream, or a 413 as soon as it passes `limit` bytes (the rest is never read). */
async function readAtMost(stream: ReadableStream<Uint8Array>, limit: number): Promise<ArrayBuffer> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole.buffer;
}
