import { notFound, RawBody, route, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

/** The client media API's download (rest/client/media.py): any local file to any authenticated user. */
export function mediaRoutes(sim: SynapseSimulator): Route[] {
  const { hs } = sim;
  return [
    route('media/download', 'GET', '^/_matrix/client/v1/media/download/([^/]*)/([^/]*)(?:/[^/]*)?', 'user', ({ params }) => {
      for (const user of hs.users.values()) {
        const media = user.media.find((m) => m.mediaId === params[1]);
        if (media && params[0] === hs.serverName) return [200, new RawBody(media.content, media.mediaType, media.uploadName)];
      }
      throw notFound(`Not found '${params[0]}/${params[1]}'`);
    }),
  ];
}
