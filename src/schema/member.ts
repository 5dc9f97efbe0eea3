import { builder } from '../builder.js';
import { cost } from '../cost/field-cost.js';
import type { Context } from '../context.js';
import { serverOf } from '../synapse/ids.js';
import { User } from './users.js';

export interface MemberRef {
  roomId: string;
  userId: string;
}

export const Member = builder.objectRef<MemberRef>('Member');

/** The member's profile as the room sees it: its current m.room.member state event. */
async function memberContent(member: MemberRef, ctx: Context) {
  const state = await ctx.loaders.rooms.state.load(member.roomId);
  return state.find((event) => event.type === 'm.room.member' && event.state_key === member.userId)?.content ?? {};
}

/** Compared with the caller's own server: the homeserver's name is not configured, whoami tells it. */
async function isLocal(member: MemberRef, ctx: Context): Promise<boolean> {
  return serverOf(member.userId) === serverOf(await ctx.loaders.server.whoami());
}

// The profile comes from the room's state, fetched once per room however many members show it.
const roomStateCost = cost.perRoom('state', 'room state');
const whoamiCost = cost.perOperation('whoami', "whoami (the caller's server)");

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

Member.implement({
  description: 'A joined member of a room.',
  fields: (t) => ({
    userId: t.id({ resolve: (member) => member.userId }),
    server: t.string({ resolve: (member) => serverOf(member.userId) }),
    isLocal: t.boolean({
      description: "Whether the user belongs to this homeserver (compared with the caller's own server).",
      extensions: whoamiCost,
      resolve: (member, _, ctx) => isLocal(member, ctx),
    }),
    displayName: t.string({
      nullable: true,
      extensions: roomStateCost,
      resolve: async (member, _, ctx) => stringOrNull((await memberContent(member, ctx)).displayname),
    }),
    avatarUrl: t.string({
      nullable: true,
      extensions: roomStateCost,
      resolve: async (member, _, ctx) => stringOrNull((await memberContent(member, ctx)).avatar_url),
    }),
    user: t.field({
      type: User,
      nullable: true,
      description: 'The local account behind this member; null for remote users.',
      // Which members are local is told by whoami.
      extensions: { ...cost.dataDependent('one user lookup per local member', whoamiCost), ...cost.prepaid('details') },
      resolve: async (member, _, ctx) => {
        if (!(await isLocal(member, ctx))) return null;
        return (await ctx.loaders.users.details.load(member.userId)) ? member.userId : null;
      },
    }),
  }),
});
