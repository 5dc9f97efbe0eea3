/** The bounds that keep one caller from hurting Synapse or the other callers (README "Limits and budgets"). */
export interface Limits {
  /** Share of the upstream connection slots one token may hold (SYNAPSE_MAX_SHARE). */
  maxShare: number;
  maxUpstreamBodyBytes: number;
  /** Largest media file relayed by GET /media (MAX_MEDIA_BYTES); streamed, never held in memory. */
  maxMediaBytes: number;
  /** Upstream calls one operation may make, estimated before it runs and counted while it runs. */
  maxUpstreamCalls: number;
  /** Whole operation, time queued for a connection included (subscriptions: until their first event). */
  operationTimeoutMs: number;
  /** How long a token seen to be an admin's is trusted before it is checked again. */
  adminCheckTtlMs: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Largest HTTP request body. */
  maxRequestBytes: number;
  /** Most delete IDs one deleteTasks subscription may follow. */
  maxDeleteIds: number;
  /** Operations running at once on one WebSocket connection. */
  wsMaxSubscriptions: number;
  /** Largest subscribe message (query and variables); a frame over 16 times this closes the connection (1009). */
  wsMaxMessageBytes: number;
}

export const defaultLimits: Limits = {
  maxShare: 0.75,
  maxUpstreamBodyBytes: 32 * 1024 * 1024,
  maxMediaBytes: 1024 * 1024 * 1024,
  maxUpstreamCalls: 1000,
  operationTimeoutMs: 30_000,
  adminCheckTtlMs: 60_000,
  maxTokens: 2000,
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 10,
  maxRequestBytes: 1024 * 1024,
  maxDeleteIds: 1000,
  wsMaxSubscriptions: 100,
  wsMaxMessageBytes: 256 * 1024,
};

/** Calls an operation may make before the gateway checks that its token is a server admin's. */
export const uncheckedCallAllowance = 2;
