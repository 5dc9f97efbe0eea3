import { hash } from 'node:crypto';

/** Stands for a token wherever one must be told apart from another (caches, fair sharing, logs): never the token. */
export function tokenIdentity(token: string | undefined): string {
  return token === undefined ? 'anonymous' : hash('sha256', token, 'base64url').slice(0, 22);
}
