import { builder } from '../builder.js';
import { cost } from '../cost/field-cost.js';

const Viewer = builder.objectRef<{ userId: string }>('Viewer').implement({
  description: 'The owner of the access token sent with this request.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    isAdmin: t.boolean({ extensions: cost.perOperation('isAdmin', 'admin check'), resolve: ({ userId }, _, ctx) => ctx.loaders.users.isAdmin.load(userId) }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({ type: Viewer, extensions: cost.perOperation('whoami', "whoami (the caller's server)"), resolve: async (_root, _args, ctx) => ({ userId: await ctx.loaders.server.whoami() }) }),
  serverVersion: t.string({ description: "Synapse's version string.", extensions: cost.perOperation('serverVersion', 'server version'), resolve: (_root, _args, ctx) => ctx.loaders.server.version() }),
}));
