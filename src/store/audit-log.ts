import { oneRow, type Queryable } from './store.js';

export type AuditOutcome = 'PENDING' | 'OK' | 'FAILED';

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  arguments: Record<string, unknown>;
  outcome: AuditOutcome;
  errorCode: string | null;
  message: string | null;
  requestId: string | null;
  jobId: string | null;
  recovery: Record<string, unknown> | null;
}

export interface NewAuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  /** Never a password or token: callers pass what an auditor may read. */
  arguments?: Record<string, unknown>;
  requestId?: string | null;
  jobId?: string | null;
  recovery?: Record<string, unknown> | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  jobId?: string;
  since?: Date;
  until?: Date;
}

interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  arguments: Record<string, unknown>;
  outcome: AuditOutcome;
  error_code: string | null;
  message: string | null;
  request_id: string | null;
  job_id: string | null;
  recovery: Record<string, unknown> | null;
}

const fromRow = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  action: row.action,
  target: row.target,
  arguments: row.arguments,
  outcome: row.outcome,
  errorCode: row.error_code,
  message: row.message,
  requestId: row.request_id,
  jobId: row.job_id,
  recovery: row.recovery,
});

function where(filter: AuditFilter): { clause: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.actor !== undefined) add('actor = ?', filter.actor);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.target !== undefined) add('target = ?', filter.target);
  if (filter.jobId !== undefined) add('job_id = ?', filter.jobId);
  if (filter.since !== undefined) add('at >= ?', filter.since);
  if (filter.until !== undefined) add('at < ?', filter.until);
  return { clause: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export type AuditCompletion = { ok: true; message?: string } | { ok: false; errorCode: string; message: string };

/**
 * The statement appending `entry` as PENDING (returning its id), its values pushed onto `params`: run alone, or in a
 * job item's statement (its attempt opened in the same statement that records the entry on the item).
 */
export function appendEntrySql(entry: NewAuditEntry, params: unknown[]): string {
  const [actor, action, args, requestId, jobId, recovery] = entryValues(entry, params);
  const target = `$${params.push(entry.target ?? null)}`;
  return `INSERT INTO audit_entry (actor, action, target, arguments, request_id, job_id, recovery) VALUES (${actor}, ${action}, ${target}, ${args}, ${requestId}, ${jobId}, ${recovery}) RETURNING id`;
}

/**
 * The statement appending an entry for each row of `rows` (a query the caller's statement names in its WITH) whose
 * `audit_id` is set: that is the entry's id (drawn from `nextAuditIdSql`), its `target` the entry's target.
 */
export function appendEntriesForSql(entry: Omit<NewAuditEntry, 'target'>, params: unknown[], rows: string): string {
  const [actor, action, args, requestId, jobId, recovery] = entryValues(entry, params);
  return `INSERT INTO audit_entry (id, actor, action, target, arguments, request_id, job_id, recovery)
    SELECT audit_id, ${actor}, ${action}, target, ${args}, ${requestId}, ${jobId}, ${recovery} FROM ${rows} WHERE audit_id IS NOT NULL`;
}

/** An entry's id, drawn before the entry is written (by `appendEntriesForSql`). */
export const nextAuditIdSql = `nextval(pg_get_serial_sequence('audit_entry', 'id'))`;

function entryValues(entry: Omit<NewAuditEntry, 'target'>, params: unknown[]): string[] {
  return [entry.actor, entry.action, JSON.stringify(entry.arguments ?? {}), entry.requestId ?? null, entry.jobId ?? null, entry.recovery ? JSON.stringify(entry.recovery) : null].map(
    (value) => `$${params.push(value)}`,
  );
}

/** The statement completing PENDING entry `id` (one completed already stays as it is), its values pushed onto `params`. */
export function completeEntrySql(id: number, outcome: AuditCompletion, params: unknown[]): string {
  const [entry, result, code, message] = [id, outcome.ok ? 'OK' : 'FAILED', outcome.ok ? null : outcome.errorCode, outcome.message ?? null].map((value) => `$${params.push(value)}`);
  return `UPDATE audit_entry SET outcome = ${result}, error_code = ${code}, message = ${message}, completed_at = now() WHERE id = ${entry} AND outcome = 'PENDING'`;
}

/**
 * The append-only record of destructive actions: an entry is written before the upstream call (PENDING) and
 * completed once with its outcome. Nothing else is ever changed, and nothing is deleted.
 */
export class AuditLog {
  constructor(private readonly db: Queryable) {}

  /** Appends a PENDING entry; `tx` writes it in the caller's transaction (a job item's claim). */
  async begin(entry: NewAuditEntry, tx: Queryable = this.db): Promise<number> {
    const params: unknown[] = [];
    return (await oneRow<{ id: number }>(tx, appendEntrySql(entry, params), params)).id;
  }

  /** Records the outcome of a PENDING entry; an entry already completed stays as it is. */
  async complete(id: number, outcome: AuditCompletion, tx: Queryable = this.db): Promise<void> {
    const params: unknown[] = [];
    await tx.query(completeEntrySql(id, outcome, params), params);
  }

  /** Newest first, older than entry `beforeId` (keyset paging: entries appended meanwhile shift nothing). */
  async list(filter: AuditFilter, beforeId: number | undefined, limit: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const { clause, params } = where(filter);
    const older = beforeId === undefined ? '' : `${clause ? 'AND' : 'WHERE'} id < $${params.length + 2}`;
    const rows = await this.db.query<AuditRow>(
      `SELECT * FROM audit_entry ${clause} ${older} ORDER BY id DESC LIMIT $${params.length + 1}`,
      [...params, limit, ...(beforeId === undefined ? [] : [beforeId])],
    );
    const { total } = await oneRow<{ total: number }>(this.db, `SELECT count(*)::int AS total FROM audit_entry ${clause}`, params);
    return { entries: rows.map(fromRow), total };
  }
}
