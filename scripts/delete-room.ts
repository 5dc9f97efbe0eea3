// Example automation script: delete a room through the gateway and follow its progress live over graphql-ws.
//   GATEWAY_URL=http://127.0.0.1:4000/graphql TOKEN=syt_... npm run delete-room -- '!room:example.org' [--block]
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import { graphql } from '../test/gql/index.js';

const DeleteRoom = graphql(`
  mutation ScriptDeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {
    deleteRoom(roomId: $roomId, options: $options) { deleteId status }
  }
`);

const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const token = process.env.TOKEN;
const [roomId] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!token || !roomId) {
  console.error('usage: GATEWAY_URL=... TOKEN=... npm run delete-room -- <roomId> [--block]');
  process.exit(2);
}

const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: DeleteRoom.toString(), variables: { roomId, options: { block: process.argv.includes('--block') } } }),
});
const started = (await response.json()) as { data?: { deleteRoom: { deleteId: string; status: string } }; errors?: { message: string }[] };
if (!started.data) {
  console.error(`delete refused: ${started.errors?.map((e) => e.message).join('; ')}`);
  process.exit(1);
}
const { deleteId } = started.data.deleteRoom;
console.info(`delete ${deleteId} started (${started.data.deleteRoom.status})`);

const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
let final = 'UNKNOWN';
for await (const event of client.iterate<{ deleteTask: { status: string; error: string | null; shutdownRoom: { kickedUsers: string[] } | null } }>({
  query: 'subscription ($id: ID!) { deleteTask(deleteId: $id) { status error shutdownRoom { kickedUsers } } }',
  variables: { id: deleteId },
})) {
  if (event.errors) {
    console.error(`error: ${event.errors.map((e) => e.message).join('; ')}`);
    break;
  }
  const task = event.data!.deleteTask;
  final = task.status;
  console.info(`${new Date().toISOString()} ${task.status}${task.shutdownRoom ? ` kicked=${task.shutdownRoom.kickedUsers.length}` : ''}${task.error ? ` error=${task.error}` : ''}`);
}
await client.dispose();
process.exit(final === 'COMPLETE' ? 0 : 1);
