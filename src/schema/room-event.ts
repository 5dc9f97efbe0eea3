import { builder } from '../builder.js';
import type { ClientEvent, EventContext as SynapseEventContext } from '../synapse/rooms.js';

export const RoomEvent = builder.objectRef<ClientEvent>('RoomEvent').implement({
  description: 'An event of a room’s timeline.',
  fields: (t) => ({
    eventId: t.exposeID('event_id'),
    type: t.exposeString('type'),
    sender: t.exposeString('sender'),
    stateKey: t.exposeString('state_key', { nullable: true, description: 'Null for events that are not state.' }),
    originServerTs: t.expose('origin_server_ts', { type: 'DateTime', nullable: true }),
    content: t.expose('content', { type: 'JSON' }),
  }),
});

export const EventContext = builder.objectRef<SynapseEventContext>('EventContext').implement({
  description: 'An event with the events around it and the room state at that point, for investigating reports.',
  fields: (t) => ({
    eventsBefore: t.field({ type: [RoomEvent], description: 'Newest first.', resolve: (context) => context.events_before }),
    event: t.field({ type: RoomEvent, resolve: (context) => context.event }),
    eventsAfter: t.field({ type: [RoomEvent], description: 'Oldest first.', resolve: (context) => context.events_after }),
    state: t.field({ type: [RoomEvent], resolve: (context) => context.state }),
  }),
});
