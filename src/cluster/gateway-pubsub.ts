import { createPubSub, type PubSub } from 'graphql-yoga';
import type { Logger } from 'pino';
import { NotifyEventTarget, eventChannel } from '../store/notify-event-target.js';
import { PostgresListener } from '../store/postgres-listener.js';
import type { Queryable } from '../store/store.js';

/**
 * Change notices between the parts of the gateway, and between replicas: an ID, or `null` when notices may have
 * been lost (every listener reads again). Nothing else: listeners read the rows.
 */
export type GatewayEvents = {
  /** `from`: the replica whose change it was. */
  job: [notice: { jobId: string; from: string } | null];
  'delete-task': [notice: { deleteId: string; from: string } | null];
};

export type GatewayPubSub = PubSub<GatewayEvents>;

export interface SharedPubSub {
  pubsub: GatewayPubSub;
  /** Starts receiving other replicas' events (LISTEN); rejects if PostgreSQL cannot be reached. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** One process (the embedded store): Yoga's in-memory pubsub. */
export function inProcessPubSub(): SharedPubSub {
  return { pubsub: createPubSub<GatewayEvents>(), start: async () => undefined, close: async () => undefined };
}

/** Replicas on one PostgreSQL: Yoga's pubsub over LISTEN/NOTIFY (one LISTEN connection per replica). */
export function postgresPubSub(options: { databaseUrl: string; db: Queryable; replicaId: string; logger?: Logger }): SharedPubSub {
  const target = new NotifyEventTarget(options.db, options.replicaId, options.logger);
  const listener = new PostgresListener(options.databaseUrl, eventChannel, (payload) => target.received(payload), () => target.resync(), options.logger);
  return { pubsub: createPubSub<GatewayEvents>({ eventTarget: target as never }), start: () => listener.start(), close: () => listener.close() };
}
