// The floor arm of the overhead part: what a hand-written server costs for the benchmark's one-room query. node:http
// and undici, the same two upstream calls as the gateway (a room's details and members, in parallel, with the
// caller's token), the same JSON out; none of the gateway's guarantees. argv[2]: { synapseUrl, connections }.
// Prints one JSON line: { url }. Plain JavaScript, run with no loader, like the gateway's build.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const { synapseUrl, connections } = JSON.parse(process.argv[2] ?? '{}');
const pool = new Pool(synapseUrl, { connections });
const roomIdPattern = /room\(roomId: "([^"]+)"\)/;

async function get(path, authorization) {
  const response = await pool.request({ method: 'GET', path, headers: { authorization } });
  const body = await response.body.json();
  if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
  return body;
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const { query } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const roomId = roomIdPattern.exec(query)?.[1];
        if (!roomId) throw new Error('no room(roomId: "…") in the query');
        const authorization = request.headers.authorization ?? '';
        const room = encodeURIComponent(roomId);
        const [details, members] = await Promise.all([get(`/_synapse/admin/v1/rooms/${room}`, authorization), get(`/_synapse/admin/v1/rooms/${room}/members`, authorization)]);
        const body = JSON.stringify({
          data: {
            room: {
              roomId: details.room_id,
              name: details.name ?? null,
              topic: details.topic ?? null,
              avatar: details.avatar ?? null,
              joinedMembers: details.joined_members,
              encryption: details.encryption ?? null,
              members: members.members.map((userId) => ({ userId })),
            },
          },
        });
        response.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    })();
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` }));
});
process.once('SIGTERM', () => {
  server.close();
  void pool.close();
});
