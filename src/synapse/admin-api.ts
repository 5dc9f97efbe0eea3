import type { z } from 'zod';
import { CallScope } from './call-scope.js';
import { malformedTokenError, missingTokenError, SynapseError } from './errors.js';
import { tokenIdentity } from './identity.js';
import { isPlausibleToken, segment } from './ids.js';
import type { RequestSpec, StreamedAnswer, SynapseTransport } from './transport.js';

type Schema = Parameters<SynapseTransport['request']>[0];
type Query = RequestSpec['query'];

/** A route of the admin API: `{name}` placeholders are filled with escaped path segments. */
export type Route = `/${string}`;

// Routes Synapse serves without an admin token (the version endpoint needs no token at all).
const openRoutes = new Set<Route>(['/_matrix/client/v3/account/whoami', '/_synapse/admin/v1/server_version']);

/**
 * Calls to the admin API with one access token. Without a token (or with one that cannot be a Synapse token) every
 * call fails with UNAUTHENTICATED before anything reaches Synapse. The API areas (rooms, users, …) call through it.
 */
export class AdminApi {
  /** Set once the token is known not to be a server admin's: admin calls then fail here, without asking Synapse. */
  protected adminRefusal?: SynapseError;
  private tokenHash?: string;

  constructor(
    protected readonly transport: SynapseTransport,
    protected readonly token: string | undefined,
    /** The operation these calls belong to (budget, deadline, cancellation); none for background work. */
    protected readonly scope?: CallScope,
  ) {}

  /** Stands for the token in caches and fair sharing (a hash: the token itself is never used as a key). */
  get identity(): string {
    this.tokenHash ??= tokenIdentity(this.token);
    return this.tokenHash;
  }

  /** From now on, admin calls fail with `refusal` (what Synapse answered the admin check) instead of being sent. */
  refuseAdminCalls(refusal: SynapseError): void {
    this.adminRefusal = refusal;
  }

  /** Abandons this client's queued and in-flight calls (they fail with CANCELLED). */
  cancelCalls(): void {
    this.scope?.cancel();
  }

  get<S extends Schema>(schema: S, route: Route, params?: Record<string, string>, query?: Query): Promise<z.output<S>> {
    return this.send(schema, 'GET', route, params, undefined, query);
  }

  async send<S extends Schema>(schema: S, method: RequestSpec['method'], route: Route, params: Record<string, string> = {}, body?: unknown, query?: Query): Promise<z.output<S>> {
    const spec = this.spec(method, route, params, query, body);
    return this.refusingAllOnUnauthenticated(this.transport.request(schema, spec, this.scope, this.identity));
  }

  /** A GET whose body is streamed, not parsed (a download), within `maxBytes`; only for an operation's calls. */
  stream(route: Route, params: Record<string, string>, query: Query, maxBytes: number): Promise<StreamedAnswer> {
    if (!this.scope) throw new Error('a streamed call belongs to an operation');
    return this.refusingAllOnUnauthenticated(this.transport.stream(this.spec('GET', route, params, query), this.scope, maxBytes));
  }

  private spec(method: RequestSpec['method'], route: Route, params: Record<string, string>, query: Query, body?: unknown): RequestSpec {
    if (this.token === undefined) throw missingTokenError();
    if (!isPlausibleToken(this.token)) throw malformedTokenError();
    if (this.adminRefusal && !openRoutes.has(route)) throw this.adminRefusal;
    const path = route.replace(/\{(\w+)\}/g, (_, name: string) => segment(params[name]!));
    return { method, path, route, query, body, token: this.token };
  }

  private async refusingAllOnUnauthenticated<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      // Synapse refused the token: the operation's other calls would be refused too, so they are not sent.
      if (error instanceof SynapseError && error.code === 'UNAUTHENTICATED' && error.synapse) this.scope?.refuseAll(error);
      throw error;
    }
  }
}

/** The answer, or null when Synapse says the thing is not there (404, but not "no such endpoint"). */
export async function nullIfNotFound<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof SynapseError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Synapse does not have this endpoint (an older version, or one with it turned off). */
export function isUnrecognizedEndpoint(error: unknown): boolean {
  return error instanceof SynapseError && error.synapse?.errcode === 'M_UNRECOGNIZED';
}
