import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { defaultJobTuning } from '../src/jobs/job-services.js';
import { defaultLimits } from '../src/limits.js';

describe('configuration', () => {
  it('applies defaults around the one required variable', () => {
    expect(loadConfig({ SYNAPSE_URL: 'http://127.0.0.1:8008' })).toEqual({
      synapseUrl: 'http://127.0.0.1:8008',
      host: '127.0.0.1',
      port: 4000,
      synapseTimeoutMs: 10_000,
      synapseMaxConcurrency: 16,
      deletePollIntervalMs: 1000,
      shutdownTimeoutMs: 8000,
      limits: defaultLimits,
      store: { dataDir: './data', databaseUrl: undefined },
      jobs: { ...defaultJobTuning, leaseMs: 60_000 },
      corsOrigins: [],
      introspection: true,
      metrics: true,
      logLevel: 'info',
      production: false,
    });
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = loadConfig({
      SYNAPSE_URL: 'https://matrix.example.org/',
      HOST: '0.0.0.0',
      PORT: '8080',
      SYNAPSE_TIMEOUT_MS: '2500',
      SYNAPSE_MAX_CONCURRENCY: '4',
      LOG_LEVEL: '',
      NODE_ENV: 'production',
      MAX_UPSTREAM_CALLS: '250',
      OPERATION_TIMEOUT_MS: '5000',
      SYNAPSE_MAX_SHARE: '0.5',
      MAX_ALIASES: '8',
      WS_MAX_SUBSCRIPTIONS: '3',
      CORS_ORIGINS: 'https://admin.example.org, https://ops.example.org',
      METRICS: 'false',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      synapseTimeoutMs: 2500,
      synapseMaxConcurrency: 4,
      logLevel: 'info',
      production: true,
      // Production: introspection off unless asked for.
      introspection: false,
      metrics: false,
      shutdownTimeoutMs: 3000,
      corsOrigins: ['https://admin.example.org', 'https://ops.example.org'],
      limits: { ...defaultLimits, maxUpstreamCalls: 250, operationTimeoutMs: 5000, maxShare: 0.5, maxAliases: 8, wsMaxSubscriptions: 3 },
    });
    expect(loadConfig({ SYNAPSE_URL: 'http://x', NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('names each bad variable in one message', () => {
    const attempt = () => loadConfig({ SYNAPSE_URL: 'ftp://x', PORT: '70000', SYNAPSE_MAX_CONCURRENCY: 'lots', LOG_LEVEL: 'loud', SYNAPSE_MAX_SHARE: '1.5', CORS_ORIGINS: '*', METRICS: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const variable of ['SYNAPSE_URL', 'PORT', 'SYNAPSE_MAX_CONCURRENCY', 'LOG_LEVEL', 'SYNAPSE_MAX_SHARE', 'CORS_ORIGINS', 'METRICS']) expect(message).toContain(`${variable}:`);
    expect(message).not.toContain('SYNAPSE_TIMEOUT_MS');
    expect(() => loadConfig({})).toThrow(/SYNAPSE_URL: is required/);
  });
});
