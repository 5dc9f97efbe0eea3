// `npm run demo`: the gateway in front of the embedded simulated homeserver, seeded with a lived-in server, so
// GraphiQL works with no Synapse at hand.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { seedDemo } from '../simulator/demo-data.js';
import { SynapseSimulator } from '../simulator/server.js';
import { RoomDeleteGuard } from '../src/delete-guard.js';
import { createJobServices } from '../src/jobs/job-services.js';
import { createGatewayServer } from '../src/server.js';
import { storeFromConfig } from '../src/store/open-store.js';
import { SynapseTransport } from '../src/synapse/transport.js';
import { buildYoga } from '../src/yoga.js';

const adminToken = process.env.DEMO_ADMIN_TOKEN || `syt_demo_${randomBytes(12).toString('hex')}`;
const sim = new SynapseSimulator({ serverName: 'demo.local', latencyMs: Number(process.env.SIM_LATENCY_MS ?? 2) });
const summary = seedDemo(sim, { adminToken });
const synapseUrl = await sim.listen(Number(process.env.SIM_PORT ?? 0));

const transport = new SynapseTransport({ baseUrl: synapseUrl, timeoutMs: 10_000, maxConcurrency: 16 });
// Jobs and the audit log in a throw-away data directory of the demo's own (DATA_DIR keeps them across runs), opened
// on first use: browsing rooms and users never pays PGlite's start or memory.
const dataDir = process.env.DATA_DIR || mkdtempSync(join(tmpdir(), 'gateway-demo-'));
const store = storeFromConfig({ dataDir });
const deleteGuard = new RoomDeleteGuard();
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const yoga = buildYoga({
  transport,
  services: { deleteGuard, jobs: createJobServices({ store, deleteGuard, logger }) },
  logger,
  graphiqlHeaders: { Authorization: `Bearer ${adminToken}` },
});
const gateway = createGatewayServer(yoga);
const url = await gateway.listen(Number(process.env.PORT ?? 4000), process.env.HOST ?? '127.0.0.1');

console.info(`
Synapse admin gateway demo
  GraphiQL:          ${url}   (open it in a browser; the admin token is already in the headers)
  Simulated Synapse: ${synapseUrl}   (${summary.rooms} rooms, ${summary.users} users, server name demo.local)
  Admin token:       ${adminToken}
  Data directory:    ${dataDir}   (jobs and the audit log)

  curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${adminToken}' \\
    -d '{"query":"{ rooms(first: 3, orderBy: JOINED_MEMBERS) { totalCount edges { node { name joinedMembers servers } } } }"}'

Ctrl-C stops it.`);

async function stop() {
  await gateway.close(1000);
  await transport.close();
  await store.close();
  await sim.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
