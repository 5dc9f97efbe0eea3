import { z } from 'zod';
import { builder } from '../builder.js';
import { audited, auditedCost } from './audited.js';
import type { Context } from '../context.js';
import { cost } from '../cost/field-cost.js';
import { SynapseError } from '../synapse/errors.js';
import { isLegalIdentifier } from '../synapse/ids.js';
import { searchTextArg } from './arguments.js';
import { offsetConnection } from './paging.js';
import { OrderDirection, Room, RoomConnection } from './rooms.js';

/** A destination is carried through the schema by its server name, like rooms and users by their IDs. */
const Destination = builder.objectRef<string>('Destination');

const DestinationOrderField = builder.enumType('DestinationOrderField', {
  description: "Synapse's list-destinations `order_by` values.",
  values: {
    DESTINATION: { value: 'destination' },
    RETRY_LAST_TS: { value: 'retry_last_ts' },
    RETRY_INTERVAL: { value: 'retry_interval' },
    FAILURE_TS: { value: 'failure_ts' },
    LAST_SUCCESSFUL_STREAM_ORDERING: { value: 'last_successful_stream_ordering' },
  } as const,
});

const destinationNameArg = z.string().refine(isLegalIdentifier, { message: 'is not a server name (1 to 255 bytes of well-formed text)' });

async function retryState(ctx: Context, name: string) {
  const destination = await ctx.loaders.federation.destination.load(name);
  if (!destination) throw new SynapseError('NOT_FOUND', `Synapse has no record of ${name}`);
  return destination;
}
const stateCost = cost.perDestination('state', 'destination retry state');
const roomPages = { defaultSize: 100, maxSize: 1000 };

Destination.implement({
  description: 'A server this homeserver has talked to over federation, and how that is going.',
  extensions: { costScope: 'destination' },
  fields: (t) => ({
    name: t.string({ resolve: (name) => name }),
    retryLastAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a failing destination was last retried; null while it is healthy.',
      extensions: stateCost,
      resolve: async (name, _, ctx) => (await retryState(ctx, name)).retry_last_ts,
    }),
    retryInterval: t.float({
      description: 'Milliseconds until the next retry of a failing destination (it grows with each failure); 0 while it is healthy.',
      extensions: stateCost,
      resolve: async (name, _, ctx) => (await retryState(ctx, name)).retry_interval,
    }),
    failureAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the current run of failures began; null while it is healthy.',
      extensions: stateCost,
      resolve: async (name, _, ctx) => (await retryState(ctx, name)).failure_ts,
    }),
    lastSuccessfulStreamOrdering: t.float({
      nullable: true,
      description: 'The stream position of the last event it received from us; null if it never received one.',
      extensions: stateCost,
      resolve: async (name, _, ctx) => (await retryState(ctx, name)).last_successful_stream_ordering,
    }),
    isFailing: t.boolean({
      description: 'Whether Synapse is backing off from it (failureAt is set).',
      extensions: stateCost,
      resolve: async (name, _, ctx) => (await retryState(ctx, name)).failure_ts !== null,
    }),
    rooms: t.connection(
      {
        type: Room,
        nullable: true,
        description: `Rooms we share with it. \`first\` defaults to ${roomPages.defaultSize}, at most ${roomPages.maxSize}.`,
        extensions: cost.page(roomPages.defaultSize, 'destination rooms page'),
        resolve: (name, args, ctx) =>
          offsetConnection(`destination-rooms:${name}`, args, roomPages, async (from, limit) => {
            const page = await ctx.synapse.federation.rooms(name, { from, limit });
            return { items: page.rooms, total: page.total };
          }, (room) => room.room_id),
      },
      RoomConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  destinations: t.connection(
    {
      type: Destination,
      description: `Servers this one has talked to (the admin FAQ's "which servers is my server talking to?"). \`first\` defaults to ${roomPages.defaultSize}, at most ${roomPages.maxSize}.`,
      extensions: cost.page(roomPages.defaultSize, 'destination list page', ['state']),
      args: {
        search: t.arg.string({ description: 'The server name contains this.', validate: searchTextArg }),
        orderBy: t.arg({ type: DestinationOrderField, defaultValue: 'destination' }),
        direction: t.arg({ type: OrderDirection, defaultValue: 'f' }),
      },
      resolve: (_root, args, ctx) =>
        offsetConnection(
          'destinations',
          args,
          roomPages,
          async (from, limit) => {
            const page = await ctx.synapse.federation.list({
              from,
              limit,
              search: args.search ?? undefined,
              orderBy: args.orderBy ?? undefined,
              dir: args.direction ?? undefined,
            });
            for (const destination of page.destinations) ctx.loaders.federation.destination.prime(destination.destination, destination);
            return { items: page.destinations, total: page.total };
          },
          (destination) => destination.destination,
        ),
    },
    { name: 'DestinationConnection' },
    { name: 'DestinationEdge' },
  ),
  destination: t.field({
    type: Destination,
    nullable: true,
    description: 'One destination, or null when this server has no record of it.',
    extensions: cost.cachedLookup('destination', ['state']),
    args: { name: t.arg.string({ required: true, validate: destinationNameArg }) },
    resolve: async (_root, { name }, ctx) => ((await ctx.loaders.federation.destination.load(name)) ? name : null),
  }),
}));

builder.mutationField('resetDestinationConnection', (t) =>
  t.field({
    type: Destination,
    description:
      'Clears the backoff of a failing destination so that Synapse retries it now. A healthy one is BAD_USER_INPUT (Synapse: "does not need to be reset"), an unknown one NOT_FOUND.',
    extensions: auditedCost(cost.perCall(1, 'reset connection')),
    args: { name: t.arg.string({ required: true, validate: destinationNameArg }) },
    resolve: async (_root, { name }, ctx) => {
      await audited(ctx, { action: 'resetDestinationConnection', target: name }, () => ctx.synapse.federation.resetConnection(name));
      ctx.loaders.federation.destination.clear(name);
      return name;
    },
  }),
);
