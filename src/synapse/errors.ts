/** Stable failure categories; the GraphQL layer exposes them as `extensions.code`. */
export type UpstreamErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'NOT_SUPPORTED'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_EXPENSIVE'
  | 'OPERATION_TIMEOUT'
  | 'CANCELLED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_UNAVAILABLE';

/** Failures worth trying again later: the same call may well succeed. */
export const transientErrorCodes: ReadonlySet<UpstreamErrorCode> = new Set(['RATE_LIMITED', 'UPSTREAM_ERROR', 'UPSTREAM_UNAVAILABLE', 'OPERATION_TIMEOUT']);

export interface SynapseAnswer {
  status: number;
  errcode: string | null;
}

/** A failed admin call. Messages name the request and Synapse's reason, never the access token. */
export class SynapseError extends Error {
  override readonly name = 'SynapseError';

  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    /** Present when Synapse itself answered. */
    readonly synapse?: SynapseAnswer,
    readonly retryAfterMs?: number,
    /** Extra machine-readable facts for the client (e.g. the budget that was exceeded). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /**
   * What the client sees besides the message. graphql-js copies an original error's `extensions` onto the error it
   * locates in the response, so a failed field carries these as they are.
   */
  get extensions(): Record<string, unknown> {
    return {
      code: this.code,
      ...this.details,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.synapse ? { synapse: this.synapse } : {}),
    };
  }
}

const unauthenticatedErrcodes = new Set(['M_MISSING_TOKEN', 'M_UNKNOWN_TOKEN', 'M_USER_LOCKED']);

export function codeForAnswer(status: number, errcode: string | null): UpstreamErrorCode {
  if (status === 401 || (errcode !== null && unauthenticatedErrcodes.has(errcode))) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  // "No such endpoint": an older Synapse, an API turned off, or one that authentication delegated to MAS removes.
  if (errcode === 'M_UNRECOGNIZED') return 'NOT_SUPPORTED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 400 && status < 500) return 'BAD_USER_INPUT';
  return 'UPSTREAM_ERROR';
}

export function missingTokenError(): SynapseError {
  return new SynapseError(
    'UNAUTHENTICATED',
    'No access token: send your Synapse admin access token as "Authorization: Bearer <token>".',
  );
}

export function malformedTokenError(): SynapseError {
  return new SynapseError(
    'UNAUTHENTICATED',
    'Malformed access token: Synapse access tokens are 1 to 4096 visible ASCII characters, without spaces.',
  );
}

export function roomNotFound(roomId: string): SynapseError {
  return new SynapseError('NOT_FOUND', `Room ${roomId} does not exist on this server (it may have just been deleted)`);
}

export function userNotFound(userId: string): SynapseError {
  return new SynapseError('NOT_FOUND', `User ${userId} does not exist on this server`);
}
