// graphql-ws subscribers in a process of their own. argv[2]: { url, token, deleteIds, subscribers, perConnection }.
// Prints {"phase":"ready",...} once every subscriber has its first event, then {"phase":"done",...} when all completed.
import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';

interface Config {
  url: string;
  token: string;
  deleteIds: string[];
  subscribers: number;
  perConnection: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const query = 'subscription ($id: ID!) { deleteTask(deleteId: $id) { deleteId status shutdownRoom { kickedUsers } } }';
const clients: Client[] = [];
let firstEvents = 0;
let completed = 0;
let messages = 0;
let errors = 0;
/** Latest arrival of each (task, state) over all subscribers: the delivery time of that change to the last one. */
const lastArrival = new Map<string, number>();
let ready = false;

function report(phase: string) {
  console.log(JSON.stringify({ phase, at: Date.now(), messages, errors, firstEvents, completed, ...(phase === 'done' ? { lastArrival: Object.fromEntries(lastArrival) } : {}) }));
}

for (let i = 0; i < config.subscribers; i++) {
  if (i % config.perConnection === 0) {
    clients.push(createClient({ url: config.url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${config.token}` } }));
  }
  const client = clients.at(-1)!;
  const deleteId = config.deleteIds[i % config.deleteIds.length]!;
  let first = true;
  client.subscribe<{ deleteTask: { status: string; shutdownRoom: { kickedUsers: string[] } | null } }>(
    { query, variables: { id: deleteId } },
    {
      next: (event) => {
        const now = Date.now();
        messages++;
        if (!event.data) return void errors++;
        const task = event.data.deleteTask;
        const key = `${deleteId} ${task.status} ${task.shutdownRoom?.kickedUsers.length ?? -1}`;
        if (!first) lastArrival.set(key, Math.max(lastArrival.get(key) ?? 0, now));
        if (first) {
          first = false;
          if (++firstEvents === config.subscribers && !ready) {
            ready = true;
            report('ready');
          }
        }
      },
      error: () => void errors++,
      complete: () => {
        if (++completed === config.subscribers) {
          report('done');
          void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
        }
      },
    },
  );
}
