import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Operation } from './operation.js';
import type { UpstreamOutcome } from './synapse/transport.js';

export interface MetricSources {
  /** Upstream calls waiting for a connection slot, and in flight. */
  upstreamQueue: () => { queued: number; inFlight: number };
  /** Delete tasks being polled, and subscribers following them. */
  deletePolling: () => { loops: number; subscribers: number };
  /** Open subscriptions, whatever the transport. */
  liveSubscriptions: () => number;
}

/** What operators watch, in Prometheus' text format (GET /metrics). One registry per gateway instance. */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Counter({
    name: 'gateway_operations_total',
    help: 'GraphQL operations by type and outcome (ok, client_error, upstream_error, internal_error).',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });
  private readonly operationDuration = new Histogram({
    name: 'gateway_operation_duration_seconds',
    help: 'Time from request to last result, by operation type (subscriptions: their whole life).',
    labelNames: ['type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly rejected = new Counter({
    name: 'gateway_rejected_operations_total',
    help: 'Operations refused before running, by reason.',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly upstreamCalls = new Counter({
    name: 'gateway_upstream_calls_total',
    help: 'HTTP attempts to Synapse by route template and status (or timeout, reset, refused, too_large, aborted).',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly upstreamDuration = new Histogram({
    name: 'gateway_upstream_duration_seconds',
    help: 'Latency of HTTP attempts to Synapse, by route template.',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    new Gauge({ name: 'gateway_upstream_queue_length', help: 'Upstream calls waiting for a connection slot.', registers, collect() { this.set(sources.upstreamQueue().queued); } });
    new Gauge({ name: 'gateway_upstream_in_flight', help: 'Upstream calls in flight.', registers, collect() { this.set(sources.upstreamQueue().inFlight); } });
    new Gauge({ name: 'gateway_live_subscriptions', help: 'Open subscriptions (WebSocket and SSE).', registers, collect() { this.set(sources.liveSubscriptions()); } });
    new Gauge({ name: 'gateway_delete_poll_loops', help: 'Delete tasks being polled (one loop per task).', registers, collect() { this.set(sources.deletePolling().loops); } });
    new Gauge({ name: 'gateway_delete_subscribers', help: 'Streams following delete tasks (graphql-ws subscribers of one operation and token share one).', registers, collect() { this.set(sources.deletePolling().subscribers); } });
    collectDefaultMetrics({ register: this.registry });
  }

  operationFinished(operation: Operation): void {
    const type = operation.type ?? 'unknown';
    this.operations.inc({ type, outcome: outcomeOf(operation) });
    this.operationDuration.observe({ type }, operation.durationMs / 1000);
    if (operation.rejectedBecause) this.rejected.inc({ reason: operation.rejectedBecause });
  }

  documentRejected(reason: string): void {
    this.rejected.inc({ reason });
  }

  upstreamCall(outcome: UpstreamOutcome): void {
    this.upstreamCalls.inc({ method: outcome.method, route: outcome.route, status: outcome.status });
    this.upstreamDuration.observe({ method: outcome.method, route: outcome.route }, outcome.durationMs / 1000);
  }
}

const upstreamCodes = new Set(['UPSTREAM_ERROR', 'UPSTREAM_UNAVAILABLE', 'OPERATION_TIMEOUT']);

function outcomeOf(operation: Operation): string {
  if (operation.errorCodes.size === 0) return 'ok';
  if (operation.errorCodes.has('INTERNAL_SERVER_ERROR')) return 'internal_error';
  for (const code of operation.errorCodes) if (upstreamCodes.has(code)) return 'upstream_error';
  return 'client_error';
}
