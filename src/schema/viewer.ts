import { builder } from '../builder.js';

const Viewer = builder.objectRef<{ userId: string }>('Viewer').implement({
  description: 'The owner of the access token sent with this request.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    isAdmin: t.boolean({ resolve: ({ userId }, _, ctx) => ctx.loaders.isAdmin.load(userId) }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({ type: Viewer, resolve: async (_root, _args, ctx) => ({ userId: await ctx.loaders.whoami() }) }),
  serverVersion: t.string({ description: "Synapse's version string.", resolve: (_root, _args, ctx) => ctx.loaders.serverVersion() }),
}));
