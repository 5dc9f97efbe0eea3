import { hash } from 'node:crypto';

// Most requests in a row carry the same token (one frontend, one script): its hash is kept, not made again each time.
let lastToken: string | undefined;
let lastIdentity = '';

/** Stands for a token wherever one must be told apart from another (caches, fair sharing, logs): never the token. */
export function tokenIdentity(token: string | undefined): string {
  if (token === undefined) return 'anonymous';
  if (token !== lastToken) {
    lastIdentity = hash('sha256', token, 'base64url').slice(0, 22);
    lastToken = token;
  }
  return lastIdentity;
}
