import { builder } from '../builder.js';
import type { ClientEvent, EventContext as SynapseEventContext, RoomMessages as RoomMessagesPage } from '../synapse/rooms.js';

export const RoomEvent = builder.objectRef<ClientEvent>('RoomEvent').implement({
  description: 'An event of a room’s timeline.',
  fields: (t) => ({
    eventId: t.exposeID('event_id'),
    type: t.exposeString('type'),
    sender: t.exposeString('sender'),
    stateKey: t.exposeString('state_key', { nullable: true, description: 'Null for events that are not state.' }),
    originServerTs: t.expose('origin_server_ts', { type: 'DateTime', nullable: true }),
    content: t.expose('content', { type: 'JSON' }),
    json: t.field({ type: 'JSON', description: 'The whole event as Synapse sent it (unsigned, redacts, …).', resolve: (event) => event.raw }),
  }),
});

export const RoomMessages = builder.objectRef<RoomMessagesPage>('RoomMessages').implement({
  description: "A page of a room's timeline, as Synapse's admin messages endpoint gives it.",
  fields: (t) => ({
    events: t.field({ type: [RoomEvent], resolve: (page) => page.chunk }),
    start: t.exposeString('start', { nullable: true, description: 'Where this page starts.' }),
    end: t.exposeString('end', { nullable: true, description: 'Pass as `from` for the next page; null when there is nothing more.' }),
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
