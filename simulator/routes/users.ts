import type { SimUser } from '../homeserver.js';
import { adminPrefix as admin, invalidParam, isLegalUserId, notFound, route, unknown400, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

/** The users admin API (users.py, devices.py). */
export function userRoutes(sim: SynapseSimulator): Route[] {
  const { hs } = sim;
  return [
    route('users/details', 'GET', `${admin}/v2/users/([^/]*)`, 'admin', ({ params }) => {
      const userId = params[0]!;
      if (!isLegalUserId(userId)) throw invalidParam('Invalid user ID');
      if (!hs.isMine(userId)) throw unknown400('Can only look up local users');
      const user = hs.users.get(userId);
      if (!user) throw notFound('User not found');
      return [200, userDetails(user)];
    }),
    route('users/admin', 'GET', `${admin}/v1/users/([^/]*)/admin`, 'admin', ({ params }) => [200, { admin: hs.users.get(params[0]!)?.admin ?? false }]),
  ];
}

function userDetails(user: SimUser) {
  return {
    name: user.userId,
    admin: user.admin,
    deactivated: user.deactivated,
    locked: user.locked,
    shadow_banned: user.shadowBanned,
    creation_ts: user.creationTs,
    appservice_id: null,
    consent_server_notice_sent: null,
    consent_version: null,
    consent_ts: null,
    user_type: user.userType,
    is_guest: user.isGuest,
    suspended: false,
    displayname: user.displayName,
    avatar_url: user.avatarUrl,
    threepids: [],
    external_ids: [],
    erased: user.erased,
    last_seen_ts: user.lastSeenTs,
  };
}
