import { z } from 'zod';

// Deployments often pass `VAR=` to mean "unset".
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const int = (min: number, max: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).max(max));

const environmentSchema = z.object({
  SYNAPSE_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:8008' })),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1')),
  PORT: int(0, 65_535).default(4000),
  SYNAPSE_TIMEOUT_MS: int(1, 600_000).default(10_000),
  SYNAPSE_MAX_CONCURRENCY: int(1, 1024).default(16),
  DELETE_POLL_INTERVAL_MS: int(50, 600_000).default(1000),
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
  return {
    synapseUrl: env.SYNAPSE_URL,
    host: env.HOST,
    port: env.PORT,
    synapseTimeoutMs: env.SYNAPSE_TIMEOUT_MS,
    synapseMaxConcurrency: env.SYNAPSE_MAX_CONCURRENCY,
    deletePollIntervalMs: env.DELETE_POLL_INTERVAL_MS,
    logLevel: env.LOG_LEVEL,
    production: env.NODE_ENV === 'production',
  };
}
