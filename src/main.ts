import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { createReplicaServices } from './cluster/replica-services.js';
import { storeFromConfig } from './store/open-store.js';
import { StoreError } from './store/store.js';
import { createGatewayServer } from './server.js';
import { SynapseTransport } from './synapse/transport.js';
import { buildYoga } from './yoga.js';

function readConfig(): GatewayConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

const config = readConfig();
// Asynchronous writes: in pino's default synchronous mode a full stdout pipe makes the process spin until it drains
// (10,000 subscriptions ending at once spent more CPU waiting to log than delivering). A reader that stops reading
// costs lines beyond 16 MiB, not memory without end.
const logDestination = pino.destination({ dest: 1, sync: false, maxLength: 16 * 1024 * 1024 });
const logger = pino({ level: config.logLevel }, logDestination);
/** Exits once the last lines are written (a write under way is waited for a moment; pino writes the rest at exit). */
async function exit(code: number): Promise<never> {
  await Promise.race([once(logDestination, 'drain'), sleep(250)]);
  process.exit(code);
}
// A stray rejection must not take every caller's gateway down with it.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
const transport = new SynapseTransport({
  baseUrl: config.synapseUrl,
  timeoutMs: config.synapseTimeoutMs,
  maxConcurrency: config.synapseMaxConcurrency,
  maxShare: config.limits.maxShare,
  maxBodyBytes: config.limits.maxUpstreamBodyBytes,
});
function openStore() {
  try {
    return storeFromConfig({
      ...config.store,
      // Jobs and the audit log can do nothing more: the process exits, and whatever restarts it opens the store again.
      onLost: (error) => {
        logger.fatal({ err: error }, 'the embedded store stopped; exiting');
        void exit(1);
      },
    });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

const store = openStore();
const replica = createReplicaServices({ store, databaseUrl: config.store.databaseUrl, deletePollIntervalMs: config.deletePollIntervalMs, jobTuning: config.jobs, logger });
const yoga = buildYoga({
  transport,
  services: { deleteTaskHub: replica.deleteTaskHub, deleteGuard: replica.deleteGuard, jobs: replica.jobs },
  limits: config.limits,
  logger,
  production: config.production,
  introspection: config.introspection,
  metrics: config.metrics,
  corsOrigins: config.corsOrigins,
});
const gateway = createGatewayServer(yoga);

let url: string;
try {
  url = await gateway.listen(config.port, config.host);
} catch (error) {
  // One line an operator can act on, no stack trace.
  const code = (error as { code?: string }).code;
  const reason = code === 'EADDRINUSE' ? 'is already in use' : code === 'EACCES' ? 'needs more privileges' : `cannot be used (${code ?? String(error)})`;
  console.error(`Cannot listen on ${config.host}:${config.port}: the port ${reason}. Set PORT (and HOST) to a free one.`);
  url = await exit(1);
}
logger.info({ url, synapse: new URL(config.synapseUrl).origin, replica: replica.replicaId, shared: replica.shared }, 'gateway listening');

// The store opens beside the listening gateway (PGlite's first start takes seconds); what needs it waits for it.
const storeOpened = Date.now();
store
  .ready()
  .then(() => replica.start())
  .then(
    (waiting) => {
      logger.info({ store: store.kind, ms: Date.now() - storeOpened }, 'store open');
      if (waiting.length) logger.warn({ jobs: waiting }, 'jobs that were running wait for an admin to resume them (resumeJob): no gateway holds their token any more');
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'the store could not be opened');
      void exit(1);
    },
  );

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
  // Whatever happens below, the process is gone within the shutdown timeout.
  setTimeout(() => {
    logger.warn('shutdown timed out; exiting');
    void exit(1);
  }, config.shutdownTimeoutMs).unref();
  // No job item starts here any more; other replicas holding a token take the jobs over.
  replica.drain();
  // Readiness answers 503 from now on; in-flight requests get most of the shutdown time to finish.
  await gateway.close(Math.max(0, config.shutdownTimeoutMs - 1000));
  // No operation is left; background polls still out are not waited for.
  await transport.destroy();
  await replica.close().catch(() => undefined);
  await store.close().catch(() => undefined);
  logger.info('stopped');
  await exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(signal));
