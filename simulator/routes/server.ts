import { adminPrefix as admin, route, type Route } from '../http.js';

/** Who the token belongs to, and what this is. */
export function serverRoutes(): Route[] {
  return [
    route('whoami', 'GET', '^/_matrix/client/(?:v3|r0)/account/whoami', 'user', ({ requester }) => [200, { user_id: requester, is_guest: false, device_id: 'SIMDEVICE' }]),
    route('versions', 'GET', '^/_matrix/client/versions', 'none', () => [200, { versions: ['v1.11'] }]),
    route('server_version', 'GET', `${admin}/v1/server_version`, 'none', () => [200, { server_version: '1.160.0 (simulated)' }]),
  ];
}
