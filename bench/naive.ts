// The benchmark's naive mode: the product's schema with loaders that neither cache nor get primed from the list, so
// every field makes its own call, as a plain one-call-per-field resolver would. A flag of the loaders, nothing more.
import { createYoga } from 'graphql-yoga';
import { createGatewayContext, type GatewayContext, type InitialContext } from '../src/context.js';
import { GatewayRuntime } from '../src/runtime.js';
import { schema } from '../src/schema/index.js';
import type { SynapseTransport } from '../src/synapse/transport.js';

export function buildNaiveYoga(transport: SynapseTransport) {
  const { services } = new GatewayRuntime(transport);
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    logging: false,
    context: (initial) => createGatewayContext(transport, services, initial as InitialContext, { cache: false }),
  });
}
