import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import { createGatewayContext } from '../context.js';
import { requestIdFrom } from '../operation.js';
import type { GatewayRuntime } from '../runtime.js';
import { SynapseError, type UpstreamErrorCode } from '../synapse/errors.js';
import { isLegalIdentifier } from '../synapse/ids.js';

const httpStatus: Record<UpstreamErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_SUPPORTED: 501,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  QUERY_TOO_EXPENSIVE: 429,
  OPERATION_TIMEOUT: 504,
  CANCELLED: 499,
  UPSTREAM_ERROR: 502,
  UPSTREAM_UNAVAILABLE: 503,
};

// Media IDs are Synapse's own random strings; server names are host names with an optional port.
const mediaIdPattern = /^[A-Za-z0-9_-]{1,255}$/;
const serverNamePattern = /^[A-Za-z0-9.[\]:-]{1,255}$/;

/** Percent-decoding that cannot throw: a malformed escape is simply not a valid ID. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/**
 * GET /media/<server>/<mediaId>: a media file's bytes, streamed, for admins (the user export, moderation UIs). The
 * admin API only has metadata; the bytes come from Synapse's client media API with the caller's own token. Served
 * sandboxed: a user's upload must not run as a page of the gateway's origin.
 */
export function useMediaDownload(runtime: GatewayRuntime): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      const match = /^\/media\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (!match) return;
      const operation = runtime.startOperation(requestIdFrom(request.headers.get('x-request-id')), 'http');
      operation.name = 'media download';
      const fail = (error: SynapseError) => {
        operation.noteErrors([error]);
        const status = httpStatus[error.code];
        operation.httpStatus = status;
        operation.finish();
        return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }), {
          status,
          headers: { 'content-type': 'application/json', 'x-request-id': operation.requestId, ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}) },
        });
      };
      if (request.method !== 'GET') {
        endResponse(fail(new SynapseError('BAD_USER_INPUT', `${request.method} is not allowed here: media are downloaded with GET`)));
        return;
      }
      const [serverName, mediaId] = [safeDecode(match[1]!), safeDecode(match[2]!)];
      if (!serverNamePattern.test(serverName) || !mediaIdPattern.test(mediaId) || !isLegalIdentifier(mediaId)) {
        endResponse(fail(new SynapseError('BAD_USER_INPUT', `"${match[1]}/${match[2]}" is not a media ID (expected /media/<server name>/<media ID>)`)));
        return;
      }
      const ctx = createGatewayContext(runtime.transport, runtime.services, { request, operation });
      try {
        const refusal = await runtime.services.adminGuard.check(ctx);
        if (refusal) throw refusal;
        const media = await ctx.synapse.media.download(serverName, mediaId, runtime.limits.maxMediaBytes);
        finished(media.body, (error) => {
          // The status is out: a download cut short (over the cap, stalled) can only end the connection.
          if (error) (serverContext as { req?: IncomingMessage }).req?.socket.destroy();
          operation.finish();
        });
        endResponse(
          new fetchAPI.Response(media.body as unknown as BodyInit, {
            headers: {
              'content-type': media.contentType,
              ...(media.contentLength === undefined ? {} : { 'content-length': String(media.contentLength) }),
              ...(media.contentDisposition ? { 'content-disposition': media.contentDisposition } : {}),
              'content-security-policy': "sandbox; default-src 'none'",
              'x-content-type-options': 'nosniff',
              'cache-control': 'private, no-store',
              'x-request-id': operation.requestId,
            },
          }),
        );
      } catch (error) {
        endResponse(fail(error instanceof SynapseError ? error : new SynapseError('UPSTREAM_ERROR', String(error))));
      }
    },
  };
}
