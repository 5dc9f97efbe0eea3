import { builder } from '../builder.js';
import type { ClientEvent } from '../synapse/rooms.js';

export const StateEvent = builder.objectRef<ClientEvent>('StateEvent').implement({
  description: 'A current state event of a room.',
  fields: (t) => ({
    eventId: t.exposeID('event_id'),
    type: t.exposeString('type'),
    stateKey: t.exposeString('state_key', { nullable: true }),
    sender: t.exposeString('sender'),
    originServerTs: t.expose('origin_server_ts', { type: 'DateTime', nullable: true }),
    content: t.expose('content', { type: 'JSON' }),
  }),
});
