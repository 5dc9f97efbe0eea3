import { createHash } from 'node:crypto';

/** Stands for a token wherever one must be told apart from another (caches, fair sharing, logs): never the token. */
export function tokenIdentity(token: string | undefined): string {
  return token === undefined ? 'anonymous' : createHash('sha256').update(token).digest('base64url').slice(0, 22);
}
