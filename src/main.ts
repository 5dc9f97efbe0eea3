import { pino } from 'pino';
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { DeleteTaskHub } from './delete-task-hub.js';
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
const logger = pino({ level: config.logLevel });
// A stray rejection must not take every caller's gateway down with it.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
const transport = new SynapseTransport({
  baseUrl: config.synapseUrl,
  timeoutMs: config.synapseTimeoutMs,
  maxConcurrency: config.synapseMaxConcurrency,
});
const deleteTaskHub = new DeleteTaskHub({ intervalMs: config.deletePollIntervalMs });
const gateway = createGatewayServer(buildYoga({ transport, services: { deleteTaskHub }, logger, production: config.production }));

const url = await gateway.listen(config.port, config.host);
logger.info({ url, synapse: new URL(config.synapseUrl).origin }, 'gateway listening');

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await gateway.close();
  await transport.close();
  logger.info('stopped');
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(signal));
