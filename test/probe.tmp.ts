import { createTestGateway } from './support/gateway.ts';
const url = 'http://127.0.0.1:8008';
const bad = createTestGateway(url, 'nope');
console.log(JSON.stringify(await bad.executeRaw('{ viewer { userId } rooms { totalCount } }')));
const res = await fetch(url + '/_synapse/admin/v1/register', {}); console.log(await res.text());
