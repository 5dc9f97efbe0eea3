import { builder } from '../builder.js';
import type { SynapseUser } from '../synapse/users.js';

export const User = builder.objectRef<SynapseUser>('User').implement({
  description: 'A local user account.',
  fields: (t) => ({
    userId: t.exposeID('name'),
    displayName: t.exposeString('displayname', { nullable: true }),
    avatarUrl: t.exposeString('avatar_url', { nullable: true }),
    admin: t.exposeBoolean('admin'),
    deactivated: t.exposeBoolean('deactivated'),
    erased: t.exposeBoolean('erased'),
    locked: t.exposeBoolean('locked'),
    shadowBanned: t.exposeBoolean('shadow_banned'),
    isGuest: t.exposeBoolean('is_guest'),
    userType: t.exposeString('user_type', { nullable: true }),
    createdAt: t.expose('creation_ts', { type: 'DateTime', nullable: true }),
    lastSeenAt: t.expose('last_seen_ts', { type: 'DateTime', nullable: true }),
  }),
});
