import { appendEntriesForSql, appendEntrySql, completeEntrySql, nextAuditIdSql, type AuditCompletion, type NewAuditEntry } from './audit-log.js';
import { oneRow, type Queryable, type Store } from './store.js';

export type JobKind = 'PURGE_EMPTY_ROOMS' | 'DECOMMISSION';
export type JobStatus = 'PLANNED' | 'RUNNING' | 'PAUSED' | 'WAITING_FOR_CREDENTIALS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type JobPhase = 'DEACTIVATE_USERS' | 'WAIT_FOR_PARTING' | 'PURGE_ROOMS';
export type JobItemAction = 'DELETE_ROOM' | 'DEACTIVATE_USER';
export type JobItemStatus = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

export const finishedJobStatuses: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export interface JobRecord {
  id: string;
  kind: JobKind;
  status: JobStatus;
  phase: JobPhase | null;
  options: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  adminsToHandle: string[];
}

export interface JobItemRecord {
  jobId: string;
  position: number;
  phase: JobPhase;
  action: JobItemAction;
  target: string;
  status: JobItemStatus;
  attempts: number;
  deleteId: string | null;
  error: string | null;
  skippedReason: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  review: Record<string, unknown> | null;
  /** The audit entry of the attempt under way. */
  auditId: number | null;
  /** Every delete this item started, so that a reconciliation can tell a new task from an earlier attempt's. */
  triedDeleteIds: string[];
  /** The replica running it (while RUNNING). */
  owner: string | null;
}

export interface InFlightItem extends JobItemRecord {
  leaseRemainingMs: number;
  /** Until when its runner holds it (renewed while that replica lives), to the microsecond. */
  leaseMicros: number | null;
}

export interface JobProgress {
  total: number;
  pending: number;
  running: number;
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
}

export interface NewJobItem {
  phase: JobPhase;
  action: JobItemAction;
  target: string;
  review: Record<string, unknown>;
}

const jobFromRow = (row: Record<string, unknown>): JobRecord => ({
  id: row.id as string,
  kind: row.kind as JobKind,
  status: row.status as JobStatus,
  phase: row.phase as JobPhase | null,
  options: row.options as Record<string, unknown>,
  createdBy: row.created_by as string,
  createdAt: row.created_at as Date,
  startedAt: row.started_at as Date | null,
  finishedAt: row.finished_at as Date | null,
  error: row.error as string | null,
  adminsToHandle: row.admins_to_handle as string[],
});

const itemFromRow = (row: Record<string, unknown>): JobItemRecord => ({
  jobId: row.job_id as string,
  position: row.position as number,
  phase: row.phase as JobPhase,
  action: row.action as JobItemAction,
  target: row.target as string,
  status: row.status as JobItemStatus,
  attempts: row.attempts as number,
  deleteId: row.delete_id as string | null,
  error: row.error as string | null,
  skippedReason: row.skipped_reason as string | null,
  startedAt: row.started_at as Date | null,
  finishedAt: row.finished_at as Date | null,
  review: row.review as Record<string, unknown> | null,
  auditId: row.audit_id as number | null,
  triedDeleteIds: row.tried_delete_ids as string[],
  owner: (row.owner as string | null | undefined) ?? null,
});

const itemColumns = { deleteId: 'delete_id', error: 'error', skippedReason: 'skipped_reason', status: 'status', auditId: 'audit_id' } as const;
type ItemChange = Partial<Pick<JobItemRecord, keyof typeof itemColumns>> & {
  finished?: boolean;
  /** Holds the item for this long from now (an upstream call is about to be made). */
  leaseMs?: number;
  /** Remembers a delete this item started. */
  triedDeleteId?: string;
  /** One more attempt. */
  attempt?: boolean;
};

/** What an item's change does to the audit log in the same statement. */
type ItemAudit = { append: NewAuditEntry } | { complete: number; outcome: AuditCompletion };

/** Jobs and their items in the store: plain reads and writes, no Synapse and no policy. */
export class JobStore {
  constructor(private readonly store: Store) {}

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }

  /** The job and its frozen targets, in one transaction. */
  async create(job: Pick<JobRecord, 'id' | 'kind' | 'phase' | 'options' | 'createdBy' | 'adminsToHandle'>, items: NewJobItem[]): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO job (id, kind, status, phase, options, created_by, admins_to_handle) VALUES ($1, $2, 'PLANNED', $3, $4, $5, $6)`,
        [job.id, job.kind, job.phase, JSON.stringify(job.options), job.createdBy, JSON.stringify(job.adminsToHandle)],
      );
      await this.insertItems(tx, job.id, items, 0);
    });
  }

  /** Targets of a later phase, frozen when it starts; items already there stay as they are. */
  async addItems(jobId: string, items: NewJobItem[]): Promise<void> {
    await this.store.transaction(async (tx) => {
      const { next } = await oneRow<{ next: number }>(tx, 'SELECT coalesce(max(position) + 1, 0)::int AS next FROM job_item WHERE job_id = $1', [jobId]);
      await this.insertItems(tx, jobId, items, next);
    });
  }

  private async insertItems(tx: Queryable, jobId: string, items: NewJobItem[], first: number): Promise<void> {
    // Batches keep each statement's parameters well under PostgreSQL's 65,535.
    for (let start = 0; start < items.length; start += 1000) {
      const batch = items.slice(start, start + 1000);
      const params: unknown[] = [];
      const rows = batch.map((item, index) => {
        params.push(jobId, first + start + index, item.phase, item.action, item.target, JSON.stringify(item.review));
        const p = params.length - 6;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
      });
      await tx.query(`INSERT INTO job_item (job_id, position, phase, action, target, review) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, params);
    }
  }

  /**
   * A row lock where transactions run side by side (PostgreSQL). The embedded store runs one transaction at a time:
   * there a lock orders nothing, and costs a write to the row.
   */
  private rowLock(mode: 'UPDATE' | 'SHARE' | undefined): string {
    return mode && this.locksRows ? ` FOR ${mode}` : '';
  }

  private get locksRows(): boolean {
    return this.store.kind === 'postgres';
  }

  /** `lock`: until the transaction ends, nobody else changes the job; `share`: nobody changes its status meanwhile. */
  async get(id: string, tx: Queryable = this.store, { lock = false, share = false } = {}): Promise<JobRecord | null> {
    const [row] = await tx.query(`SELECT * FROM job WHERE id = $1${this.rowLock(lock ? 'UPDATE' : share ? 'SHARE' : undefined)}`, [id]);
    return row ? jobFromRow(row) : null;
  }

  async list(filter: { kind?: JobKind; status?: JobStatus }, offset: number, limit: number): Promise<{ jobs: JobRecord[]; total: number }> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.kind) conditions.push(`kind = $${params.push(filter.kind)}`);
    if (filter.status) conditions.push(`status = $${params.push(filter.status)}`);
    const clause = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.store.query(`SELECT * FROM job ${clause} ORDER BY created_at DESC, id DESC OFFSET $${params.length + 1} LIMIT $${params.length + 2}`, [...params, offset, limit]);
    const { total } = await oneRow<{ total: number }>(this.store, `SELECT count(*)::int AS total FROM job ${clause}`, params);
    return { jobs: rows.map(jobFromRow), total };
  }

  /** `onlyFrom`: only if the job is in that status (a runner's move never undoes an admin's pause or cancel). */
  async setStatus(id: string, status: JobStatus, change: { error?: string | null; phase?: JobPhase; onlyFrom?: JobStatus } = {}, tx: Queryable = this.store): Promise<void> {
    await tx.query(
      `UPDATE job SET status = $2,
         started_at = CASE WHEN $2 = 'RUNNING' THEN coalesce(started_at, now()) ELSE started_at END,
         finished_at = CASE WHEN $2 IN ('COMPLETED', 'FAILED', 'CANCELLED') THEN now() ELSE finished_at END,
         error = CASE WHEN $3::boolean THEN $4 ELSE error END,
         phase = coalesce($5, phase)
       WHERE id = $1 AND ($6::text IS NULL OR status = $6)`,
      [id, status, change.error !== undefined, change.error ?? null, change.phase ?? null, change.onlyFrom ?? null],
    );
  }

  async items(jobId: string, status: JobItemStatus | undefined, offset: number, limit: number): Promise<{ items: JobItemRecord[]; total: number }> {
    const params: unknown[] = [jobId];
    const clause = status ? `AND status = $${params.push(status)}` : '';
    const rows = await this.store.query(`SELECT * FROM job_item WHERE job_id = $1 ${clause} ORDER BY position OFFSET $${params.length + 1} LIMIT $${params.length + 2}`, [...params, offset, limit]);
    const { total } = await oneRow<{ total: number }>(this.store, `SELECT count(*)::int AS total FROM job_item WHERE job_id = $1 ${clause}`, params);
    return { items: rows.map(itemFromRow), total };
  }

  async progress(jobId: string): Promise<JobProgress> {
    const rows = await this.store.query<{ status: JobItemStatus; count: number }>('SELECT status, count(*)::int AS count FROM job_item WHERE job_id = $1 GROUP BY status', [jobId]);
    const by = Object.fromEntries(rows.map((row) => [row.status, row.count])) as Partial<Record<JobItemStatus, number>>;
    const progress = { pending: by.PENDING ?? 0, running: by.RUNNING ?? 0, done: by.DONE ?? 0, failed: by.FAILED ?? 0, skipped: by.SKIPPED ?? 0, cancelled: by.CANCELLED ?? 0 };
    return { total: Object.values(progress).reduce((sum, count) => sum + count, 0), ...progress };
  }

  /** Whether the item is still this replica's to run (another took it over once its lease ran out). Locks it. */
  async heldBy(item: Pick<JobItemRecord, 'jobId' | 'phase' | 'target'>, owner: string, tx: Queryable): Promise<boolean> {
    const [row] = await tx.query<{ owner: string | null; status: string }>(`SELECT owner, status FROM job_item WHERE job_id = $1 AND phase = $2 AND target = $3${this.rowLock('UPDATE')}`, [
      item.jobId,
      item.phase,
      item.target,
    ]);
    return row?.status === 'RUNNING' && row.owner === owner;
  }

  /** Items of a phase in flight, on every replica. */
  async runningCount(jobId: string, phase: JobPhase, tx: Queryable = this.store): Promise<number> {
    return (await oneRow<{ running: number }>(tx, `SELECT count(*)::int AS running FROM job_item WHERE job_id = $1 AND phase = $2 AND status = 'RUNNING'`, [jobId, phase])).running;
  }

  /**
   * Takes the next pending item of a phase for an attempt: RUNNING, one more attempt, held by `owner` until
   * `leaseMs` from now; none while `concurrency` items of the phase are in flight, whichever replicas run them (the
   * job's row is locked meanwhile, so two replicas never both take the last place). `opening`: the attempt's audit
   * entry, appended in the same statement (for an item whose upstream call follows its claim at once).
   */
  async claim(tx: Queryable, jobId: string, phase: JobPhase, owner: string, leaseMs: number, concurrency: number, opening?: Omit<NewAuditEntry, 'target'>): Promise<JobItemRecord | null> {
    // The job's row locked first: a claim never races a pause or a cancel (an item claimed begins at once), and two
    // replicas never both take the last place. The claim is the next statement, sent without waiting for the lock's
    // (a transaction's statements run in order): its snapshot, taken once the lock is held, sees the job's status
    // and the claims of whoever held the lock before.
    // No statement at all on the embedded store (see rowLock).
    const locked = this.locksRows ? tx.query('SELECT 1 FROM job WHERE id = $1 FOR UPDATE', [jobId]) : undefined;
    const params: unknown[] = [jobId, phase, leaseMs, owner, concurrency];
    const claim = `UPDATE job_item SET status = 'RUNNING', attempts = attempts + 1, started_at = coalesce(started_at, now()), owner = $4,
         lease_until = now() + make_interval(secs => $3::float8 / 1000)${opening ? `, audit_id = ${nextAuditIdSql}` : ''}
       WHERE (job_id, phase, target) = (
         SELECT job_id, phase, target FROM job_item WHERE job_id = $1 AND phase = $2 AND status = 'PENDING'
           AND EXISTS (SELECT 1 FROM job WHERE id = $1 AND status = 'RUNNING')
           AND (SELECT count(*) FROM job_item WHERE job_id = $1 AND phase = $2 AND status = 'RUNNING') < $5
         ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`;
    const claimed = tx.query(opening ? `WITH claimed AS (${claim}), entry AS (${appendEntriesForSql(opening, params, 'claimed')}) SELECT * FROM claimed` : claim, params);
    const [, [row]] = await Promise.all([locked, claimed]);
    return row ? itemFromRow(row) : null;
  }

  /**
   * Items in flight (RUNNING), with how long each one's lease still runs (ms, 0 once it has run out) and the lease
   * exactly as stored (microseconds: a JavaScript Date would lose them, and no lease would ever compare equal).
   */
  async inFlight(jobId: string, phase: JobPhase): Promise<InFlightItem[]> {
    const rows = await this.store.query(
      `SELECT *, greatest(0, coalesce(extract(epoch FROM (lease_until - now())) * 1000, 0))::float8 AS lease_remaining_ms,
         (extract(epoch FROM lease_until) * 1000000)::bigint AS lease_micros
       FROM job_item WHERE job_id = $1 AND phase = $2 AND status = 'RUNNING' ORDER BY position`,
      [jobId, phase],
    );
    return rows.map((row) => ({ ...itemFromRow(row), leaseRemainingMs: row.lease_remaining_ms as number, leaseMicros: row.lease_micros as number | null }));
  }

  /**
   * Takes over an item in flight whose runner is gone: only if its lease is still the one seen before waiting it out
   * (a live runner renews its leases long before they end), so that of several replicas waiting, one takes it.
   */
  async takeOver(item: InFlightItem, owner: string, leaseMs: number): Promise<JobItemRecord | null> {
    const [row] = await this.store.query(
      `UPDATE job_item SET owner = $4, lease_until = now() + make_interval(secs => $5::float8 / 1000)
       WHERE job_id = $1 AND phase = $2 AND target = $3 AND status = 'RUNNING' AND (lease_until IS NULL OR lease_until <= now())
         AND (extract(epoch FROM lease_until) * 1000000)::bigint IS NOT DISTINCT FROM $6::bigint
       RETURNING *`,
      [item.jobId, item.phase, item.target, owner, leaseMs, item.leaseMicros],
    );
    return row ? itemFromRow(row) : null;
  }

  /**
   * Runs `work` unless another process runs work under the same key (a session-level advisory lock: it goes with
   * the connection of a process that dies). Whether it ran.
   */
  async exclusively(key: string, work: () => Promise<void>): Promise<boolean> {
    return this.store.session(async (db) => {
      const [row] = await db.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
      if (!row?.locked) return false;
      try {
        await work();
        return true;
      } finally {
        await db.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      }
    });
  }

  /** This replica works on the job (it holds a token for it), for `ttlMs` unless renewed. */
  async addWorker(jobId: string, replica: string, ttlMs: number, tx: Queryable = this.store): Promise<void> {
    await tx.query(
      `INSERT INTO job_worker (job_id, replica, alive_until) VALUES ($1, $2, now() + make_interval(secs => $3::float8 / 1000))
       ON CONFLICT (job_id, replica) DO UPDATE SET alive_until = excluded.alive_until`,
      [jobId, replica, ttlMs],
    );
  }

  async removeWorker(jobId: string, replica: string): Promise<void> {
    await this.store.query('DELETE FROM job_worker WHERE job_id = $1 AND replica = $2', [jobId, replica]);
  }

  /** This replica is alive: its worker rows and the leases of the items it runs last `ttlMs` more. */
  async heartbeat(replica: string, jobIds: string[], items: Pick<JobItemRecord, 'jobId' | 'phase' | 'target'>[], ttlMs: number): Promise<void> {
    if (!jobIds.length && !items.length) return;
    await this.store.transaction(async (tx) => {
      if (jobIds.length) {
        await tx.query(`UPDATE job_worker SET alive_until = now() + make_interval(secs => $3::float8 / 1000) WHERE replica = $1 AND job_id = ANY($2)`, [replica, jobIds, ttlMs]);
      }
      if (items.length) {
        await tx.query(
          `UPDATE job_item SET lease_until = now() + make_interval(secs => $5::float8 / 1000)
           FROM unnest($2::text[], $3::text[], $4::text[]) AS mine (job_id, phase, target)
           WHERE job_item.owner = $1 AND job_item.status = 'RUNNING'
             AND (job_item.job_id, job_item.phase, job_item.target) = (mine.job_id, mine.phase, mine.target)`,
          [replica, items.map((item) => item.jobId), items.map((item) => item.phase), items.map((item) => item.target), ttlMs],
        );
      }
    });
  }

  /**
   * RUNNING jobs no live replica works on any more become WAITING_FOR_CREDENTIALS; their IDs. A worker counts as gone
   * `graceMs` after its row ran out: replicas coming back from a store outage renew theirs first.
   */
  async strandUnworked(error: string, graceMs: number, onlyJobId?: string): Promise<string[]> {
    const rows = await this.store.query<{ id: string }>(
      `UPDATE job SET status = 'WAITING_FOR_CREDENTIALS', error = $1
       WHERE status = 'RUNNING' AND ($2::text IS NULL OR id = $2)
         AND NOT EXISTS (SELECT 1 FROM job_worker WHERE job_worker.job_id = job.id
                           AND alive_until > now() - make_interval(secs => $3::float8 / 1000))
       RETURNING id`,
      [error, onlyJobId ?? null, graceMs],
    );
    return rows.map((row) => row.id);
  }

  /**
   * One process on the store (the embedded one): whoever worked before is gone. Its workers are forgotten, and its
   * items whose delete is known need no lease waited out (no request of theirs can still be on its way).
   */
  async forgetWorkers(): Promise<void> {
    await this.store.query('DELETE FROM job_worker');
    await this.store.query(`UPDATE job_item SET lease_until = now() WHERE status = 'RUNNING' AND delete_id IS NOT NULL`);
  }

  /**
   * Changes an item. `audit`, in the same statement: an attempt's entry appended (its id returned, and kept on the
   * item), or the entry of the attempt that ends completed.
   */
  async update(item: Pick<JobItemRecord, 'jobId' | 'phase' | 'target'>, change: ItemChange, tx: Queryable = this.store, audit?: ItemAudit): Promise<number | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [item.jobId, item.phase, item.target];
    for (const [key, column] of Object.entries(itemColumns) as [keyof typeof itemColumns, string][]) {
      if (change[key] !== undefined) sets.push(`${column} = $${params.push(change[key])}`);
    }
    if (change.leaseMs !== undefined) sets.push(`lease_until = now() + make_interval(secs => $${params.push(change.leaseMs)}::float8 / 1000)`);
    if (change.triedDeleteId !== undefined) sets.push(`tried_delete_ids = tried_delete_ids || jsonb_build_array($${params.push(change.triedDeleteId)}::text)`);
    if (change.attempt) sets.push('attempts = attempts + 1');
    if (change.finished) sets.push('finished_at = now()', 'lease_until = NULL');
    if (!sets.length) return undefined;
    let prefix = '';
    if (audit && 'append' in audit) {
      prefix = `WITH entry AS (${appendEntrySql(audit.append, params)}) `;
      sets.push('audit_id = (SELECT id FROM entry)');
    } else if (audit) prefix = `WITH completed AS (${completeEntrySql(audit.complete, audit.outcome, params)}) `;
    const [row] = await tx.query<{ audit_id: number | null }>(`${prefix}UPDATE job_item SET ${sets.join(', ')} WHERE job_id = $1 AND phase = $2 AND target = $3 RETURNING audit_id`, params);
    return row?.audit_id ?? undefined;
  }

  /** A claimed attempt that never reached Synapse goes back to the queue, its attempt not counted. */
  async release(item: Pick<JobItemRecord, 'jobId' | 'phase' | 'target'>, tx: Queryable = this.store): Promise<void> {
    await tx.query(`UPDATE job_item SET status = 'PENDING', attempts = greatest(0, attempts - 1), lease_until = NULL WHERE job_id = $1 AND phase = $2 AND target = $3`, [
      item.jobId,
      item.phase,
      item.target,
    ]);
  }

  /** Every item not started yet is cancelled. */
  async cancelPending(jobId: string, tx: Queryable = this.store): Promise<void> {
    await tx.query(`UPDATE job_item SET status = 'CANCELLED', finished_at = now() WHERE job_id = $1 AND status = 'PENDING'`, [jobId]);
  }

  /** Items of a phase that ended DONE (the users a decommission deactivated). */
  async doneItems(jobId: string, phase: JobPhase): Promise<JobItemRecord[]> {
    return (await this.store.query(`SELECT * FROM job_item WHERE job_id = $1 AND phase = $2 AND status = 'DONE' ORDER BY position`, [jobId, phase])).map(itemFromRow);
  }
}
