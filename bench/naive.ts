// The benchmark's naive mode: the product's schema with loaders that neither cache nor get primed from the list, so
// every field makes its own call, as a plain one-call-per-field resolver would. A flag of the benchmark only.
import DataLoader from 'dataloader';
import { createYoga } from 'graphql-yoga';
import { createGatewayContext, loadEventContext, type GatewayContext, type InitialContext, type Loaders } from '../src/context.js';
import { AdminGuard } from '../src/admin-guard.js';
import { defaultLimits } from '../src/limits.js';
import { RoomDeleteGuard } from '../src/delete-guard.js';
import { DeleteTaskHub } from '../src/delete-task-hub.js';
import { schema } from '../src/schema/index.js';
import type { SynapseTransport } from '../src/synapse/transport.js';

export function buildNaiveYoga(transport: SynapseTransport) {
  const services = { deleteGuard: new RoomDeleteGuard(), deleteTaskHub: new DeleteTaskHub({ intervalMs: 1000 }), adminGuard: new AdminGuard(defaultLimits.adminCheckTtlMs), limits: defaultLimits };
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    logging: false,
    context: (initial) => {
      const context = createGatewayContext(transport, services, initial as InitialContext);
      const { synapse } = context;
      const uncached = <V>(load: (key: string) => Promise<V>) =>
        new DataLoader<string, V>((keys) => Promise.all(keys.map((key) => load(key).catch((error: Error) => error))), { cache: false, batch: false });
      const existingRoom = async (roomId: string) => (await synapse.roomDetails(roomId))!;
      const loaders: Loaders = {
        roomSummary: uncached(existingRoom),
        roomDetails: uncached((roomId) => synapse.roomDetails(roomId)),
        existingRoom,
        roomMembers: uncached((roomId) => synapse.roomMembers(roomId)),
        roomState: uncached((roomId) => synapse.roomState(roomId)),
        roomBlock: uncached((roomId) => synapse.roomBlockStatus(roomId)),
        roomDeleteTasks: uncached((roomId) => synapse.roomDeleteTasks(roomId)),
        deleteTask: uncached((deleteId) => synapse.deleteStatus(deleteId)),
        user: uncached((userId) => synapse.user(userId)),
        isAdmin: uncached((userId) => synapse.isAdmin(userId)),
        forwardExtremities: uncached((roomId) => synapse.forwardExtremities(roomId)),
        eventContext: uncached((key) => loadEventContext(synapse, key)),
        whoami: () => synapse.whoami(),
        serverVersion: () => synapse.serverVersion(),
      };
      return { ...context, loaders };
    },
  });
}
