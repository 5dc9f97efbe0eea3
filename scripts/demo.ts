// `npm run demo`: the gateway in front of the embedded simulated homeserver, seeded with a lived-in server, so
// GraphiQL works with no Synapse at hand.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { seedDemo } from '../simulator/demo-data.js';
import { SynapseSimulator } from '../simulator/server.js';
import { createGatewayServer } from '../src/server.js';
import { SynapseTransport } from '../src/synapse/transport.js';
import { buildYoga } from '../src/yoga.js';

const adminToken = process.env.DEMO_ADMIN_TOKEN || `syt_demo_${randomBytes(12).toString('hex')}`;
const sim = new SynapseSimulator({ serverName: 'demo.local', latencyMs: Number(process.env.SIM_LATENCY_MS ?? 2) });
const summary = seedDemo(sim, { adminToken });
const synapseUrl = await sim.listen(Number(process.env.SIM_PORT ?? 0));

const transport = new SynapseTransport({ baseUrl: synapseUrl, timeoutMs: 10_000, maxConcurrency: 16 });
const yoga = buildYoga({
  transport,
  logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
  graphiqlHeaders: { Authorization: `Bearer ${adminToken}` },
});
const gateway = createGatewayServer(yoga);
const url = await gateway.listen(Number(process.env.PORT ?? 4000), process.env.HOST ?? '127.0.0.1');

console.info(`
Synapse admin gateway demo
  GraphiQL:          ${url}   (open it in a browser; the admin token is already in the headers)
  Simulated Synapse: ${synapseUrl}   (${summary.rooms} rooms, ${summary.users} users, server name demo.local)
  Admin token:       ${adminToken}

  curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${adminToken}' \\
    -d '{"query":"{ rooms(first: 3, orderBy: JOINED_MEMBERS) { totalCount edges { node { name joinedMembers servers } } } }"}'

Ctrl-C stops it.`);

async function stop() {
  await gateway.close(1000);
  await transport.close();
  await sim.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
