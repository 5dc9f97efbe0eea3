// deploy/compose.yaml is valid against the official Compose Specification schema and wires both replicas to one store.
// No Docker here: the file is parsed, interpolated with sample values and checked, as `docker compose config` would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const composeText = readFileSync(resolve(root, 'deploy/compose.yaml'), 'utf8');
const sampleEnv = { POSTGRES_PASSWORD: 'sample-password', SYNAPSE_URL: 'http://synapse.internal:8008' };

// The official schema (compose-spec/compose-spec, schema/compose-spec.json, byte for byte), as dclint ships it.
const require = createRequire(import.meta.url);
const schemaPath = resolve(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
const { $schema: _metaSchema, ...composeSchema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

// $schema is dropped above: it names draft-07 as "https://json-schema.org/draft-07/schema", a spelling Ajv does not
// know; without it Ajv takes its default, draft-07, and still checks the schema against that meta-schema.
// strict: false because the schema uses union types ("type": ["boolean", "string"]) and keywords without a "type",
// valid draft-07 that Ajv's strict mode refuses. validateFormats: false: this schema version has no "format" keyword,
// and should a later one add some (such as "duration"), they go unchecked rather than failing as unknown.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(composeSchema);

type Env = Record<string, string | undefined>;

/** Compose's interpolation of one string: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
function interpolate(value: string, env: Env): string {
  return value.replace(/\$(?:\$|([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\})/g, (match, bare?: string, name?: string, colon?: string, op?: string, arg?: string) => {
    if (match === '$$') return '$';
    const variable = (bare ?? name)!;
    const current = env[variable];
    const missing = current === undefined || (colon === ':' && current === '');
    if (op === '-') return missing ? arg! : current!;
    if (op === '?' && missing) throw new Error(`${variable}: ${arg}`);
    return current ?? '';
  });
}

/** Interpolates every string in a parsed file, as Compose does (values only, not keys). */
function interpolateAll(node: unknown, env: Env): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, interpolateAll(item, env)]));
  return node;
}

interface Service {
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  ports?: string[];
  stop_grace_period?: string;
  healthcheck?: { test?: string[] };
}
interface ComposeFile {
  services: Record<string, Service>;
}

// Compose understands YAML merge keys (<<), which YAML 1.2 leaves out unless asked.
const load = (env: Env = sampleEnv) => interpolateAll(parse(composeText, { merge: true }), env) as ComposeFile;

function schemaErrors(document: unknown): ErrorObject[] {
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

/** Compose durations such as "15s" or "1m30s", in milliseconds. */
function durationMs(text: string): number {
  const units: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g)];
  expect(parts.map((part) => part[0]).join(''), `duration ${text}`).toBe(text);
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit!]!, 0);
}

describe('deploy/compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    const errors = schemaErrors(load());
    expect(errors, ajv.errorsText(errors, { separator: '\n' })).toEqual([]);
  });

  it('runs two gateway replicas on one PostgreSQL database', () => {
    const { services } = load();
    expect(Object.keys(services).sort()).toEqual(['gateway-1', 'gateway-2', 'postgres']);
    const gateways = [services['gateway-1']!, services['gateway-2']!];
    const postgres = services.postgres!.environment!;

    const urls = gateways.map((gateway) => gateway.environment?.DATABASE_URL);
    expect(urls[0]).toBe(urls[1]);
    const url = new URL(urls[0]!);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(postgres.POSTGRES_USER);
    expect(url.password).toBe(postgres.POSTGRES_PASSWORD);
    expect(url.password).toBe(sampleEnv.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);

    for (const gateway of gateways) {
      expect(gateway.environment?.SYNAPSE_URL).toBe(sampleEnv.SYNAPSE_URL);
      expect(gateway.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(gateway.healthcheck?.test?.join(' ')).toContain('/readiness');
      // Docker's SIGKILL must not cut the gateway's own drain short.
      expect(durationMs(gateway.stop_grace_period!)).toBeGreaterThan(Number(gateway.environment?.SHUTDOWN_TIMEOUT_MS));
    }
    const hostPorts = gateways.map((gateway) => gateway.ports?.[0]?.split(':')[0]);
    expect(new Set(hostPorts).size).toBe(2);
  });

  it('sets only variables the gateway reads', () => {
    const config = readFileSync(resolve(root, 'src/config.ts'), 'utf8');
    for (const name of Object.keys(load().services['gateway-1']!.environment!)) expect(config, name).toMatch(new RegExp(`^\\s+${name}:`, 'm'));
  });

  it('holds no secret: the password and Synapse URL must come from the environment', () => {
    expect(() => load({ SYNAPSE_URL: sampleEnv.SYNAPSE_URL })).toThrow(/POSTGRES_PASSWORD/);
    expect(() => load({ POSTGRES_PASSWORD: sampleEnv.POSTGRES_PASSWORD })).toThrow(/SYNAPSE_URL/);
    expect(() => load({ ...sampleEnv, POSTGRES_PASSWORD: '' })).toThrow(/POSTGRES_PASSWORD/);
  });

  it('rejects broken copies (the check can fail)', () => {
    const portsAsObject = load();
    (portsAsObject.services['gateway-1'] as Record<string, unknown>).ports = { bogus: '4001:4000' };
    expect(schemaErrors(portsAsObject).map((error) => error.instancePath)).toContain('/services/gateway-1/ports');

    // `replicas` belongs under deploy:, not on the service itself.
    const unknownKey = load();
    (unknownKey.services['gateway-2'] as Record<string, unknown>).replicas = 2;
    expect(schemaErrors(unknownKey)).toContainEqual(
      expect.objectContaining({ instancePath: '/services/gateway-2', keyword: 'additionalProperties', params: { additionalProperty: 'replicas' } }),
    );
  });
});
