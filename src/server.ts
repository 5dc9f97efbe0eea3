import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { isAsyncIterable } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import { coalesceSends } from './coalesced-sends.js';
import { ClientDeparture } from './client-departure.js';
import { GraphQLPost } from './graphql-post.js';
import type { GatewayContext, InitialContext } from './context.js';
import { requestIdFrom, type Operation } from './operation.js';
import { header } from './request-header.js';
import { WsFanout } from './ws-fanout.js';
import type { GatewayYoga } from './yoga.js';

interface EnvelopedExecution {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

type SocketExtra = {
  socket: WebSocket;
  request: IncomingMessage;
};

// How long a subscription's next state may wait for other frames to its socket: a few ms of delay on a change Synapse
// took a poll interval to show, against a system call per state (a quarter of the fan-out's CPU).
const fanoutHoldMs = 5;

/** What the gateway keeps per WebSocket connection. */
interface Connection {
  requestId: string;
  /** Told when the socket closes: the connection's queued and in-flight upstream calls stop. */
  closed: ClientDeparture;
  operations: Map<string, Operation>;
  count: number;
}

export interface GatewayServer {
  server: Server;
  listen(port: number, host: string): Promise<string>;
  /**
   * Marks the gateway as draining (readiness 503), ends SSE streams (they complete), closes WebSockets with 1001,
   * lets in-flight HTTP requests finish for up to graceMs, then stops listening and cuts what is left.
   */
  close(graceMs?: number): Promise<void>;
}

/** HTTP (queries, mutations, SSE, GraphiQL) and graphql-ws on the same port and path. */
export function createGatewayServer(yoga: GatewayYoga): GatewayServer {
  const { runtime } = yoga;
  const { limits } = runtime;
  const plainPost = new GraphQLPost(yoga, limits.maxRequestBytes);
  const server = createServer((request, response) => {
    const mediaType = plainPost.mediaTypeFor(request);
    if (mediaType) plainPost.serve(request, response, mediaType);
    else void yoga(request, response);
  });
  // HTTP requests not yet answered: a shutdown lets them finish, while readiness already says 503.
  let requestsInFlight = 0;
  let onDrained: (() => void) | undefined;
  server.on('request', (_request, response) => {
    requestsInFlight++;
    response.once('close', () => {
      if (--requestsInFlight === 0) onDrained?.();
    });
  });
  // The hard ceiling of a frame: far above the per-message limit, which answers with an error for that operation.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsMaxMessageBytes * 16 });
  // Upgrades are taken by hand (not `server` in the options) so that ws does not take over the HTTP server's own
  // errors, such as a port already in use, and report them as its own.
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://gateway').pathname !== yoga.graphqlEndpoint) return void socket.destroy();
    wss.handleUpgrade(request, socket, head, (client) => {
      coalesceSends(client, socket, fanoutHoldMs);
      wss.emit('connection', client, request);
    });
  });
  const connections = new WeakMap<object, Connection>();
  const connectionOf = (ctx: WsContext<Record<string, unknown>, SocketExtra>): Connection => {
    let connection = connections.get(ctx);
    if (!connection) {
      const created: Connection = { requestId: requestIdFrom(header(ctx.extra.request, 'x-request-id')), closed: new ClientDeparture(), operations: new Map(), count: 0 };
      ctx.extra.socket.once('close', () => created.closed.depart());
      connections.set(ctx, (connection = created));
    }
    return connection;
  };
  const fanout = new WsFanout();
  const finish = (ctx: WsContext<Record<string, unknown>, SocketExtra>, id: string) => {
    const connection = connectionOf(ctx);
    const operation = connection.operations.get(id);
    if (!operation) return;
    connection.operations.delete(id);
    operation.finish();
  };

  const ws = useServer<Record<string, unknown>, SocketExtra>(
    {
      execute: (args) => (args.rootValue as EnvelopedExecution).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedExecution).subscribe(args) as never,
      onSubscribe: async (ctx, id, params) => {
        const connection = connectionOf(ctx);
        const operation = runtime.startOperation(`${connection.requestId}:${++connection.count}`, 'ws');
        // graphql-ws forgets an operation the client completed while it was being set up: the id may come again.
        connection.operations.get(id)?.finish();
        connection.operations.set(id, operation);
        const refuse = (error: GraphQLError, reason: string) => {
          operation.rejectedBecause = reason;
          return [error];
        };
        // ctx.subscriptions already holds this one.
        const running = Object.keys(ctx.subscriptions).length;
        if (running > limits.wsMaxSubscriptions) {
          return refuse(
            clientError(`At most ${limits.wsMaxSubscriptions} operations may run at once on one connection (WS_MAX_SUBSCRIPTIONS); complete one first, or open another connection.`),
            'ws_max_subscriptions',
          );
        }
        const size = Buffer.byteLength(params.query) + (params.variables ? Buffer.byteLength(JSON.stringify(params.variables)) : 0);
        if (size > limits.wsMaxMessageBytes) {
          return refuse(clientError(`This operation is ${size} bytes, over the ${limits.wsMaxMessageBytes} bytes allowed per subscribe message (WS_MAX_MESSAGE_BYTES).`), 'ws_max_message_bytes');
        }
        // The full Yoga pipeline (auth, limits, budget, context, masking) for each WebSocket operation; the token
        // comes from connectionParams.authorization. Nothing thrown here may escape: graphql-ws would close the
        // socket (4500) and take the connection's other operations with it.
        try {
          const initial: InitialContext & Record<string, unknown> = {
            ...ctx,
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params,
            connectionParams: ctx.connectionParams,
            operation,
            clientSignal: connection.closed,
          };
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped(initial);
          const document = parse(params.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return errors.map(withoutHttpExtension);
          return {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe } satisfies EnvelopedExecution,
          };
        } catch (error) {
          if (error instanceof GraphQLError) return [withoutHttpExtension(error.extensions.code ? error : withCode(error, 'GRAPHQL_PARSE_FAILED'))];
          runtime.logger?.error({ err: error, requestId: operation.requestId }, 'unexpected error');
          return [new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
        }
      },
      onOperation: (ctx, id, _params, args, result) => {
        const operation = connectionOf(ctx).operations.get(id);
        if (!operation || !isAsyncIterable(result)) return;
        runtime.wsSubscriptions++;
        operation.onEnd(() => runtime.wsSubscriptions--);
        const key = WsFanout.keyOf(args, (args.contextValue as GatewayContext).synapse.identity);
        // Completed by the client while it was being set up: graphql-ws ends the stream it was given, untouched.
        if (key === undefined || !(id in ctx.subscriptions)) return;
        const stream = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
        return fanout.join(key, { id, socket: ctx.extra.socket, stream, noteResult: (event) => operation.noteResult(event) });
      },
      onNext: (ctx, id, _params, _args, result) => {
        connectionOf(ctx).operations.get(id)?.noteResult(result);
      },
      onError: (ctx, id, _params, errors) => {
        connectionOf(ctx).operations.get(id)?.noteErrors(errors);
        finish(ctx, id);
      },
      onComplete: (ctx, id) => finish(ctx, id),
      onClose: (ctx) => {
        const connection = connectionOf(ctx);
        connection.closed.depart();
        for (const id of [...connection.operations.keys()]) finish(ctx, id);
      },
    },
    wss,
  );
  // A socket error is the client's doing (an oversized or malformed frame, a reset): ws has already closed the socket
  // with the fitting code. graphql-ws would log it to stderr as an internal error; the log says what it is.
  wss.on('connection', (socket, request) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      runtime.logger?.info({ code: error.code, reason: error.message, requestId: header(request, 'x-request-id') }, 'websocket closed on a client error');
    });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const { address, port: bound } = server.address() as AddressInfo;
          resolve(`http://${address.includes(':') ? `[${address}]` : address}:${bound}${yoga.graphqlEndpoint}`);
        });
      }),
    close: async (graceMs = 10_000) => {
      runtime.draining = true;
      const deadline = Date.now() + graceMs;
      const untilDeadline = () =>
        new Promise<void>((resolve) => {
          setTimeout(resolve, Math.max(0, deadline - Date.now())).unref();
        });
      // SSE streams end with their `complete` event, so clients know the stream ended on purpose; WebSockets are
      // closed with 1001. A peer that does not answer the close is not waited for past the grace period.
      await Promise.race([Promise.all([...[...runtime.sseStreams].map((stream) => stream.return?.()), ws.dispose()]), untilDeadline()]);
      for (const client of wss.clients) client.terminate();
      // Still listening meanwhile: a load balancer asking /readiness is told 503, not refused.
      if (requestsInFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            onDrained = resolve;
          }),
          untilDeadline(),
        ]);
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Whatever is still running after the grace period is cut.
      server.closeAllConnections();
      await closed;
      await yoga.dispose();
    },
  };
}

function clientError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** Yoga's HTTP status hints mean nothing on a WebSocket. */
function withoutHttpExtension(error: GraphQLError): GraphQLError {
  if (!error.extensions.http) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions });
}
