import type { Logger } from 'pino';
import type { Operation } from './operation.js';

const upstreamFailureCodes = new Set(['UPSTREAM_ERROR', 'UPSTREAM_UNAVAILABLE']);

/**
 * One line per operation at info: who (user ID once known, never a token), what, how long, how many upstream calls,
 * which error codes. Client mistakes stay at info; each upstream failure behind the errors is one warning, however
 * many fields it failed.
 */
export function logOperation(logger: Logger, operation: Operation): void {
  for (const failure of operation.upstreamFailures) {
    if (upstreamFailureCodes.has(failure.code)) {
      logger.warn({ requestId: operation.requestId, code: failure.code, synapse: failure.synapse, reason: failure.message }, 'upstream failure');
    }
  }
  logger.info(
    {
      requestId: operation.requestId,
      transport: operation.transport,
      operation: operation.type ?? null,
      operationName: operation.name ?? null,
      userId: operation.userId ?? null,
      durationMs: Math.round(operation.durationMs * 10) / 10,
      upstreamCalls: operation.scope?.attempts ?? 0,
      errors: [...operation.errorCodes],
      ...(operation.rejectedBecause ? { rejected: operation.rejectedBecause } : {}),
      ...(operation.httpStatus ? { httpStatus: operation.httpStatus } : {}),
    },
    'operation',
  );
}
