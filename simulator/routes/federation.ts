import type { SimDestination } from '../homeserver.js';
import { adminPrefix as admin, compareSqlite, notFound, offsetPage, parseEnum, route, unknown400, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

const orderings = ['destination', 'retry_last_ts', 'retry_interval', 'failure_ts', 'last_successful_stream_ordering'] as const;

/** The federation admin API (federation.py): the servers this one talks to. */
export function federationRoutes(sim: SynapseSimulator): Route[] {
  const { hs } = sim;
  const known = (name: string): SimDestination => {
    const destination = hs.destinations.get(name);
    if (!destination) throw notFound('Unknown destination');
    return destination;
  };
  return [
    route('federation/destinations', 'GET', `${admin}/v1/federation/destinations`, 'admin', ({ query }) => {
      const orderBy = parseEnum(query, 'order_by', orderings, 'destination');
      const dir = parseEnum(query, 'dir', ['b', 'f'] as const, 'f');
      const term = query.get('destination')?.toLowerCase();
      const rows = [...hs.destinations.values()].filter((d) => !term || d.destination.toLowerCase().includes(term)).map(listed);
      const sign = dir === 'b' ? -1 : 1;
      rows.sort((a, b) => sign * compareSqlite(a[orderBy], b[orderBy]) || compareSqlite(a.destination, b.destination));
      const { page, total, nextToken } = offsetPage(rows, query);
      return [200, { destinations: page, total, ...(nextToken ? { next_token: nextToken } : {}) }];
    }),
    route('federation/destination', 'GET', `${admin}/v1/federation/destinations/([^/]*)`, 'admin', ({ params }) => {
      const d = known(params[0]!);
      // Without a retry row Synapse reports no failure either.
      return [200, d.retryLastTs ? listed(d) : { ...listed(d), failure_ts: null, retry_last_ts: 0, retry_interval: 0 }];
    }),
    route('federation/destination_rooms', 'GET', `${admin}/v1/federation/destinations/([^/]*)/rooms`, 'admin', ({ params, query }) => {
      const d = known(params[0]!);
      const dir = parseEnum(query, 'dir', ['b', 'f'] as const, 'f');
      const rows = [...d.rooms].map(([room_id, stream_ordering]) => ({ room_id, stream_ordering }));
      rows.sort((a, b) => (dir === 'b' ? -1 : 1) * compareSqlite(a.room_id, b.room_id));
      const { page, total, nextToken } = offsetPage(rows, query);
      return [200, { rooms: page, total, ...(nextToken ? { next_token: nextToken } : {}) }];
    }),
    route('federation/reset_connection', 'POST', `${admin}/v1/federation/destinations/([^/]+)/reset_connection`, 'admin', ({ params }) => {
      const d = known(params[0]!);
      if (!d.retryLastTs) throw unknown400('The retry timing does not need to be reset for this destination.');
      Object.assign(d, { failureTs: null, retryLastTs: 0, retryInterval: 0 });
      return [200, {}];
    }),
  ];
}

function listed(d: SimDestination) {
  return {
    destination: d.destination,
    retry_last_ts: d.retryLastTs,
    retry_interval: d.retryInterval,
    failure_ts: d.failureTs,
    last_successful_stream_ordering: d.lastSuccessfulStreamOrdering,
  };
}
