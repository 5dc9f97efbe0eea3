import type { GatewayContext } from './context.js';
import { SynapseError } from './synapse/errors.js';
import { realTimers, type Timers } from './timers.js';

/**
 * A guard against fan-out, not an authorization layer (Synapse still authorizes every call): before an operation
 * that would make more than a couple of upstream calls, the token must be seen to be a server admin's. It costs
 * whoami plus the admin check, both through the operation's own loaders, and is remembered per token (by its hash)
 * for `ttlMs`, only when positive. A garbage token thus never costs more than those two calls.
 */
export class AdminGuard {
  private readonly admins = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  isKnownAdmin(identity: string): boolean {
    return (this.admins.get(identity) ?? 0) > this.timers.now();
  }

  /** Undefined when the operation may go on; else the error that refuses it whole. */
  async check(ctx: Pick<GatewayContext, 'synapse' | 'loaders' | 'scope'>): Promise<SynapseError | undefined> {
    const identity = ctx.synapse.identity;
    if (this.isKnownAdmin(identity)) return undefined;
    let userId: string;
    let admin: boolean;
    try {
      userId = await ctx.loaders.server.whoami();
      admin = await ctx.loaders.users.isAdmin.load(userId);
    } catch (error) {
      return error instanceof SynapseError ? error : new SynapseError('UPSTREAM_ERROR', String(error));
    }
    if (admin) {
      this.remember(identity);
      // From now on its calls are its own, no longer in the unverified crowd's share.
      ctx.scope.caller = identity;
      return undefined;
    }
    // Not refused whole: fields that need no admin (viewer) still answer; admin calls fail without reaching Synapse.
    ctx.synapse.refuseAdminCalls(
      new SynapseError('FORBIDDEN', `${userId} is not a server admin; the admin API needs a server admin's access token`, { status: 403, errcode: 'M_FORBIDDEN' }),
    );
    return undefined;
  }

  /** A token Synapse refused is checked again next time. */
  forget(identity: string): void {
    this.admins.delete(identity);
  }

  private remember(identity: string): void {
    this.admins.delete(identity);
    this.admins.set(identity, this.timers.now() + this.ttlMs);
    // Bounded: expired entries go first, then the oldest.
    if (this.admins.size > 10_000) {
      for (const [key, until] of this.admins) if (until <= this.timers.now() || this.admins.size > 10_000) this.admins.delete(key);
    }
  }
}
