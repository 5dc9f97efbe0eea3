import type { Logger } from 'pino';
import { logOperation } from './access-log.js';
import { AdminGuard } from './admin-guard.js';
import type { GatewayServices } from './context.js';
import { RoomDeleteGuard } from './delete-guard.js';
import { DeleteTaskHub } from './delete-task-hub.js';
import { HomeserverName } from './homeserver-name.js';
import { createJobServices } from './jobs/job-services.js';
import { inMemoryStore } from './store/open-store.js';
import { defaultLimits, type Limits } from './limits.js';
import type { GatewayMetrics } from './metrics.js';
import { Operation } from './operation.js';
import type { SynapseTransport } from './synapse/transport.js';

/**
 * What the HTTP and WebSocket entries share besides the schema: the services, the limits, the operations' end
 * (access log, metrics), the open streams a shutdown must end.
 */
export class GatewayRuntime {
  readonly services: GatewayServices;
  /** Set on the first shutdown signal: readiness answers 503 from then on. */
  draining = false;
  /** Open subscription streams, by transport (SSE streams are ended on shutdown). */
  readonly sseStreams = new Set<AsyncIterator<unknown>>();
  wsSubscriptions = 0;

  constructor(
    readonly transport: SynapseTransport,
    readonly limits: Limits = defaultLimits,
    services: Partial<GatewayServices> = {},
    readonly logger?: Logger,
    public metrics?: GatewayMetrics,
  ) {
    const deleteGuard = services.deleteGuard ?? new RoomDeleteGuard();
    this.services = {
      homeserver: services.homeserver ?? new HomeserverName(),
      deleteGuard,
      jobs: services.jobs ?? createJobServices({ store: inMemoryStore(), deleteGuard, logger }),
      deleteTaskHub: services.deleteTaskHub ?? new DeleteTaskHub({ intervalMs: 1000 }),
      adminGuard: services.adminGuard ?? new AdminGuard(limits.adminCheckTtlMs),
      limits,
    };
  }

  get liveSubscriptions(): number {
    return this.sseStreams.size + this.wsSubscriptions;
  }

  startOperation(requestId: string, transport: 'http' | 'ws'): Operation {
    return new Operation(requestId, transport, (operation) => this.operationFinished(operation));
  }

  private operationFinished(operation: Operation): void {
    // A token Synapse refused is not trusted as an admin's any longer.
    if (operation.identity && operation.errorCodes.has('UNAUTHENTICATED')) this.services.adminGuard.forget(operation.identity);
    if (this.logger) logOperation(this.logger, operation);
    this.metrics?.operationFinished(operation);
  }
}
