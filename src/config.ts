import { z } from 'zod';
import { defaultJobTuning } from './jobs/job-services.js';
import type { JobTuning } from './jobs/item-context.js';
import { defaultLimits, type Limits } from './limits.js';

// Deployments often pass `VAR=` to mean "unset".
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const int = (min: number, max: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).max(max));
const flag = z.preprocess(unsetIfEmpty, z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1').optional());
const origins = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be a comma-separated list of origins, e.g. https://admin.example.org' })))
    .optional(),
);

const environmentSchema = z.object({
  SYNAPSE_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:8008' })),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1')),
  PORT: int(0, 65_535).default(4000),
  SYNAPSE_TIMEOUT_MS: int(1, 600_000).default(10_000),
  SYNAPSE_MAX_CONCURRENCY: int(1, 1024).default(16),
  SYNAPSE_MAX_SHARE: z.preprocess(unsetIfEmpty, z.coerce.number().gt(0).max(1).default(defaultLimits.maxShare)),
  UPSTREAM_MAX_BODY_BYTES: int(1024, 2 ** 31 - 1).default(defaultLimits.maxUpstreamBodyBytes),
  MAX_MEDIA_BYTES: int(1024, Number.MAX_SAFE_INTEGER).default(defaultLimits.maxMediaBytes),
  DELETE_POLL_INTERVAL_MS: int(50, 600_000).default(1000),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./data')),
  DATABASE_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL, e.g. postgres://gateway@db.example.org/gateway' }).optional()),
  JOB_LEASE_MS: int(100, 86_400_000).optional(),
  JOB_MAX_ATTEMPTS: int(1, 100).default(defaultJobTuning.maxAttempts),
  JOB_RETRY_BACKOFF_MS: int(0, 3_600_000).default(defaultJobTuning.retryBackoffMs),
  JOB_PARTING_TIMEOUT_MS: int(0, 86_400_000).default(defaultJobTuning.partingTimeoutMs),
  MAX_UPSTREAM_CALLS: int(1, 1_000_000).default(defaultLimits.maxUpstreamCalls),
  OPERATION_TIMEOUT_MS: int(100, 3_600_000).default(defaultLimits.operationTimeoutMs),
  ADMIN_CHECK_TTL_MS: int(0, 3_600_000).default(defaultLimits.adminCheckTtlMs),
  MAX_TOKENS: int(10, 1_000_000).default(defaultLimits.maxTokens),
  MAX_DEPTH: int(2, 1000).default(defaultLimits.maxDepth),
  MAX_ALIASES: int(1, 100_000).default(defaultLimits.maxAliases),
  MAX_DIRECTIVES: int(1, 100_000).default(defaultLimits.maxDirectives),
  MAX_REQUEST_BYTES: int(1024, 2 ** 31 - 1).default(defaultLimits.maxRequestBytes),
  MAX_DELETE_IDS: int(1, 1_000_000).default(defaultLimits.maxDeleteIds),
  WS_MAX_SUBSCRIPTIONS: int(1, 100_000).default(defaultLimits.wsMaxSubscriptions),
  WS_MAX_MESSAGE_BYTES: int(1024, 2 ** 28).default(defaultLimits.wsMaxMessageBytes),
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(8_000),
  CORS_ORIGINS: origins,
  INTROSPECTION: flag,
  METRICS: flag,
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  NODE_ENV: z.preprocess(unsetIfEmpty, z.enum(['development', 'test', 'production']).default('development')),
});

export interface GatewayConfig {
  synapseUrl: string;
  host: string;
  port: number;
  synapseTimeoutMs: number;
  synapseMaxConcurrency: number;
  deletePollIntervalMs: number;
  shutdownTimeoutMs: number;
  limits: Limits;
  store: { dataDir: string; databaseUrl?: string };
  jobs: JobTuning;
  /** Origins allowed to call the gateway from a browser; none by default. */
  corsOrigins: string[];
  introspection: boolean;
  metrics: boolean;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  production: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the environment once at start; every bad variable is named in one message. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '?');
      const message = source[variable] === undefined || source[variable] === '' ? 'is required' : issue.message;
      return `  ${variable}: ${message}`;
    });
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  return {
    synapseUrl: env.SYNAPSE_URL,
    host: env.HOST,
    port: env.PORT,
    synapseTimeoutMs: env.SYNAPSE_TIMEOUT_MS,
    synapseMaxConcurrency: env.SYNAPSE_MAX_CONCURRENCY,
    deletePollIntervalMs: env.DELETE_POLL_INTERVAL_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    limits: {
      maxShare: env.SYNAPSE_MAX_SHARE,
      maxUpstreamBodyBytes: env.UPSTREAM_MAX_BODY_BYTES,
      maxMediaBytes: env.MAX_MEDIA_BYTES,
      maxUpstreamCalls: env.MAX_UPSTREAM_CALLS,
      operationTimeoutMs: env.OPERATION_TIMEOUT_MS,
      adminCheckTtlMs: env.ADMIN_CHECK_TTL_MS,
      maxTokens: env.MAX_TOKENS,
      maxDepth: env.MAX_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxDirectives: env.MAX_DIRECTIVES,
      maxRequestBytes: env.MAX_REQUEST_BYTES,
      maxDeleteIds: env.MAX_DELETE_IDS,
      wsMaxSubscriptions: env.WS_MAX_SUBSCRIPTIONS,
      wsMaxMessageBytes: env.WS_MAX_MESSAGE_BYTES,
    },
    store: { dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL },
    jobs: {
      ...defaultJobTuning,
      pollIntervalMs: env.DELETE_POLL_INTERVAL_MS,
      // Longer than any upstream call may take: only then is an unanswered claim safe to check with Synapse.
      leaseMs: env.JOB_LEASE_MS ?? Math.max(defaultJobTuning.leaseMs, 3 * env.SYNAPSE_TIMEOUT_MS),
      maxAttempts: env.JOB_MAX_ATTEMPTS,
      retryBackoffMs: env.JOB_RETRY_BACKOFF_MS,
      partingTimeoutMs: env.JOB_PARTING_TIMEOUT_MS,
    },
    corsOrigins: env.CORS_ORIGINS ?? [],
    introspection: env.INTROSPECTION ?? !production,
    metrics: env.METRICS ?? true,
    logLevel: env.LOG_LEVEL,
    production,
  };
}
