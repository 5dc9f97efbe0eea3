import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Plugin } from 'graphql-yoga';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

interface Page {
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface GraphiQLPageOptions {
  endpoint: string;
  title: string;
  defaultQuery: string;
  /** Pre-filled in GraphiQL's header editor (the demo puts its admin token there). */
  headers?: Record<string, string>;
}

/**
 * GraphiQL, with its 9 MB of assets inlined so that it works offline, rendered and compressed once (brotli or gzip,
 * as the browser accepts) and revalidated by ETag: a reload costs a 304. Subscriptions go over SSE, which carries
 * the headers from the editor (WebSocket in a browser cannot send an Authorization header).
 */
export function useGraphiQLPage(options: GraphiQLPageOptions): Plugin {
  let page: Promise<Page> | undefined;
  const build = async (): Promise<Page> => {
    const html = Buffer.from(
      renderGraphiQL({
        title: options.title,
        defaultQuery: options.defaultQuery,
        subscriptionsProtocol: 'SSE',
        // Subscriptions too go as JSON POSTs: a plain GET would be refused as a possible cross-site request.
        method: 'POST',
        ...(options.headers ? { headers: JSON.stringify(options.headers, null, 2) } : {}),
      }),
    );
    const [br, gz] = await Promise.all([
      brotli(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: html.length } }),
      gzipped(html, { level: 6 }),
    ]);
    return { etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`, identity: html, br, gzip: gz };
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== options.endpoint && url.pathname !== `${options.endpoint}/`) return;
      const { etag, ...bodies } = await (page ??= build());
      // Private: the page may carry the demo's token in its header editor.
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', etag, 'cache-control': 'private, no-cache', vary: 'accept-encoding' };
      if (request.headers.get('if-none-match') === etag) return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      const accepted = request.headers.get('accept-encoding') ?? '';
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : 'identity';
      if (encoding !== 'identity') headers['content-encoding'] = encoding;
      endResponse(new fetchAPI.Response(bodies[encoding] as unknown as BodyInit, { status: 200, headers }));
    },
  };
}
