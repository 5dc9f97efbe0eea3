import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { InitialContext } from '../context.js';

export const csrfHeader = 'x-graphql-yoga-csrf';

/**
 * Yoga's CSRF prevention: a request a browser may send cross-site without a preflight (a GET, or a form, multipart
 * or text/plain POST) must carry a header no cross-site page can set. Its refusal is given a code and a remedy.
 */
export function useCsrfPrevention(): Plugin {
  const { onRequestParse } = useCSRFPrevention({ requestHeaders: [csrfHeader] }) as Required<Pick<Plugin, 'onRequestParse'>>;
  return {
    onRequestParse(payload) {
      try {
        return onRequestParse(payload);
      } catch {
        const operation = (payload.serverContext as InitialContext | undefined)?.operation;
        if (operation) {
          operation.rejectedBecause = 'csrf';
          operation.noteErrors([{ extensions: { code: 'CSRF_PREVENTED' } }]);
        }
        throw createGraphQLError(
          `Refused: a request of this kind can be sent by any web page. Send GraphQL as a POST with "content-type: application/json", or add the "${csrfHeader}" header (any value) to a GET.`,
          { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } } },
        );
      }
    },
  };
}
