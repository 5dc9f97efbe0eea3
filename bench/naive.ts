// The benchmark's naive mode: the product's schema with loaders that neither cache nor get primed from the list, so
// every field makes its own call, as a plain one-call-per-field resolver would. A flag of the loaders, nothing more.
import { createYoga } from 'graphql-yoga';
import { AdminGuard } from '../src/admin-guard.js';
import { createGatewayContext, type GatewayContext, type InitialContext } from '../src/context.js';
import { RoomDeleteGuard } from '../src/delete-guard.js';
import { DeleteTaskHub } from '../src/delete-task-hub.js';
import { defaultLimits } from '../src/limits.js';
import { schema } from '../src/schema/index.js';
import type { SynapseTransport } from '../src/synapse/transport.js';

export function buildNaiveYoga(transport: SynapseTransport) {
  const services = { deleteGuard: new RoomDeleteGuard(), deleteTaskHub: new DeleteTaskHub({ intervalMs: 1000 }), adminGuard: new AdminGuard(defaultLimits.adminCheckTtlMs), limits: defaultLimits };
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    logging: false,
    context: (initial) => createGatewayContext(transport, services, initial as InitialContext, { cache: false }),
  });
}
