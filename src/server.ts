import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayYoga } from './yoga.js';

interface EnvelopedExecution {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

export interface GatewayServer {
  server: Server;
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, says goodbye to WebSocket clients, lets in-flight HTTP finish (forced after graceMs). */
  close(graceMs?: number): Promise<void>;
}

/** HTTP (queries, mutations, SSE, GraphiQL) and graphql-ws on the same port and path. */
export function createGatewayServer(yoga: GatewayYoga): GatewayServer {
  const server = createServer(yoga);
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const ws = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedExecution).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedExecution).subscribe(args) as never,
      onSubscribe: async (ctx, _id, params) => {
        // The full Yoga pipeline (context, masking, validation) for each WebSocket operation; the token comes
        // from connectionParams.authorization.
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          connectionParams: ctx.connectionParams,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies EnvelopedExecution,
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    wss,
  );

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { address, port: bound } = server.address() as AddressInfo;
          resolve(`http://${address.includes(':') ? `[${address}]` : address}:${bound}${yoga.graphqlEndpoint}`);
        });
      }),
    close: async (graceMs = 10_000) => {
      const fuse = setTimeout(() => server.closeAllConnections(), graceMs).unref();
      await ws.dispose();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(fuse);
      await yoga.dispose();
    },
  };
}
