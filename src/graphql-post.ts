import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, processRegularResult, type GraphQLParams } from 'graphql-yoga';
import type { InitialContext } from './context.js';
import { ClientDeparture } from './client-departure.js';
import { maskError } from './errors.js';
import { requestIdFrom, type Operation } from './operation.js';
import { endUnanswered } from './plugins/operation-tracking.js';
import { header } from './request-header.js';
import type { GatewayYoga } from './yoga.js';

const contentLengthPattern = /^\d+$/;
// What Yoga's result processors answer a query or mutation with, by Accept header (no Accept: application/json).
const answeredMediaType = new Map([
  ['', 'application/json'],
  ['*/*', 'application/json'],
  ['application/json', 'application/json'],
  ['application/graphql-response+json', 'application/graphql-response+json'],
]);
const paramNames = new Set(['query', 'variables', 'operationName', 'extensions']);

/**
 * POST /graphql with a JSON body, the request nearly every client sends, answered without Yoga's Fetch adapter
 * (a Request, Headers and a body stream made from Node's request, a Response turned back into Node's): a quarter
 * of the gateway's CPU per one-room request went there. Everything GraphQL still runs through Yoga's own `getResultForParams`, so its
 * params checks, every Envelop plugin (auth first, document limits, the upstream budget, masking) and the operation's
 * tracking hooks are the same ones; what this replaces is only the HTTP on either side, for the requests where that
 * is plain. Any other request (another method, path, media type, an Origin (CORS), a body without a length or over
 * the limit, an Accept that may mean a stream) goes to Yoga whole, and so does a body that is not a plain GraphQL
 * request or whose document may hold a subscription (Yoga may answer it with a stream), once read.
 */
export class GraphQLPost {
  constructor(
    private readonly yoga: GatewayYoga,
    private readonly maxRequestBytes: number,
  ) {}

  /** The media type to answer with if this request can take the plain path, else undefined. */
  mediaTypeFor(request: IncomingMessage): string | undefined {
    const { headers } = request;
    if (request.method !== 'POST' || request.url !== this.yoga.graphqlEndpoint) return undefined;
    if (headers.origin !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
    const length = headers['content-length'];
    if (length === undefined || !contentLengthPattern.test(length) || Number(length) > this.maxRequestBytes) return undefined;
    if (!isJson(headers['content-type'])) return undefined;
    return answeredMediaType.get((headers.accept ?? '').replace(/\s/g, '').toLowerCase().replace(/;charset=utf-8$/, ''));
  }

  serve(request: IncomingMessage, response: ServerResponse, mediaType: string): void {
    // From its arrival, as on Yoga's path: its duration counts the upload, and a body never finished is logged.
    const operation = this.yoga.runtime.startOperation(requestIdFrom(header(request, 'x-request-id')), 'http');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client gone mid-body (or cut off by Node's request timeout): there is nobody to answer.
    request.once('error', () => response.destroy());
    request.once('close', () => {
      if (request.complete) return;
      operation.rejectedBecause = 'bad_request';
      operation.noteErrors([{ extensions: { code: 'BAD_REQUEST' } }]);
      operation.finish();
    });
    request.once('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const params = plainParams(body);
      if (!params) return void this.viaYoga(request, response, body, operation);
      this.answer(request, response, params, mediaType, operation).catch((error: unknown) => {
        // The answer itself failed (it could not be made or written): the connection is all that is left to end.
        this.yoga.runtime.logger?.error({ err: error, requestId: operation.requestId }, 'unexpected error');
        operation.finish();
        response.destroy();
      });
    });
  }

  private async answer(request: IncomingMessage, response: ServerResponse, params: GraphQLParams, mediaType: string, operation: Operation): Promise<void> {
    const fetchRequest = new NodeRequest(request, response, this.yoga.graphqlEndpoint);
    // The operation's calls stop if the client hangs up before its answer is out.
    const departure = new ClientDeparture();
    response.once('close', () => {
      if (!response.writableFinished) departure.depart();
    });
    const context: InitialContext & Record<string, unknown> = { req: request, res: response, operation, clientSignal: departure };
    let result: ExecutionResult;
    try {
      result = (await this.yoga.getResultForParams({ params, request: fetchRequest as unknown as Request }, context)) as ExecutionResult;
    } catch (error) {
      // What Yoga's handler does with an error no hook caught: masked (and logged if it was a bug), then answered.
      const masked = maskError(error, 'Unexpected error.');
      if (masked !== error) this.yoga.runtime.logger?.error({ err: error, requestId: operation.requestId }, 'unexpected error');
      result = { errors: [masked instanceof GraphQLError ? masked : new GraphQLError(masked.message, { originalError: masked })] };
      operation.noteErrors(result.errors!);
    }
    if (!isAsyncIterable(result) && !result.errors && !result.extensions) {
      const text = JSON.stringify(result);
      response.writeHead(200, { 'content-type': `${mediaType}; charset=utf-8`, 'content-length': Buffer.byteLength(text), 'x-request-id': operation.requestId });
      response.end(text);
      return;
    }
    // A stream nobody will read (no subscription comes this way, but a plugin could make one): ended, not left open.
    if (isAsyncIterable(result)) await (result as AsyncIterableIterator<unknown>).return?.();
    // Errors, extensions, a stream where none was asked for: Yoga's own result processor decides status and body.
    const processed = await processRegularResult(result, this.yoga.fetchAPI, mediaType);
    endUnanswered(operation, processed);
    processed.headers.set('x-request-id', operation.requestId);
    await send(response, processed);
  }

  /**
   * The whole request handed to Yoga as if it had just arrived, with its operation. Yoga's adapter takes a body already
   * read as a `body` property; a stream, since a Buffer there would be listed key by key.
   */
  private viaYoga(request: IncomingMessage, response: ServerResponse, body: Buffer, operation: Operation): void {
    (request as IncomingMessage & { body?: Readable }).body = Readable.from([body]);
    void this.yoga(request, response, { operation });
  }
}

/** Yoga's test for a JSON body (its first media type, exactly, or with parameters). */
function isJson(contentType: string | undefined): boolean {
  const first = contentType?.split(',')[0];
  return first !== undefined && ['application/json', 'application/graphql+json'].some((type) => first === type || first.startsWith(`${type};`));
}

/** The body as GraphQL params if it is a JSON object Yoga's params check accepts, else undefined. */
function plainParams(body: Buffer): GraphQLParams | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const params = parsed as Record<string, unknown>;
  for (const key in params) if (params[key] != null && !paramNames.has(key)) return undefined;
  if (typeof params.query !== 'string' || params.query.includes('subscription')) return undefined;
  if (!isObjectOrNothing(params.variables) || !isObjectOrNothing(params.extensions)) return undefined;
  if (params.operationName != null && typeof params.operationName !== 'string') return undefined;
  return params as GraphQLParams;
}

function isObjectOrNothing(value: unknown): boolean {
  return value == null || (typeof value === 'object' && !Array.isArray(value));
}

async function send(response: ServerResponse, answer: Response): Promise<void> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, answer.statusText, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

/** What Yoga's hooks read of a request: its headers, its method and URL, and a signal. */
class NodeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  private controller?: AbortController;

  constructor(
    incoming: IncomingMessage,
    private readonly response: ServerResponse,
    path: string,
  ) {
    this.method = incoming.method ?? 'POST';
    this.url = `http://${incoming.headers.host ?? 'gateway'}${path}`;
    this.headers = {
      get: (name) => header(incoming, name.toLowerCase()) ?? null,
      has: (name) => incoming.headers[name.toLowerCase()] !== undefined,
    };
  }

  /** Aborted when the client goes away before its answer is out (the operation's upstream calls stop). */
  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = (this.controller = new AbortController());
      this.response.once('close', () => {
        if (!this.response.writableFinished) controller.abort();
      });
    }
    return this.controller.signal;
  }
}
