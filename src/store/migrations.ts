import { oneRow, type Queryable, type Store } from './store.js';

/** Versioned, applied in order at start, never edited once released: a change is a new version. */
const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'jobs and audit log',
    sql: `
      CREATE TABLE job (
        id text PRIMARY KEY,
        kind text NOT NULL,
        status text NOT NULL,
        phase text,
        options jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        error text,
        admins_to_handle jsonb NOT NULL DEFAULT '[]'
      );
      CREATE INDEX job_created ON job (created_at DESC, id DESC);
      CREATE TABLE job_item (
        job_id text NOT NULL REFERENCES job (id),
        position int NOT NULL,
        phase text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts int NOT NULL DEFAULT 0,
        delete_id text,
        error text,
        skipped_reason text,
        started_at timestamptz,
        finished_at timestamptz,
        lease_until timestamptz,
        retry_at timestamptz,
        review jsonb,
        audit_id bigint,
        tried_delete_ids jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (job_id, phase, target)
      );
      CREATE INDEX job_item_order ON job_item (job_id, position);
      CREATE INDEX job_item_status ON job_item (job_id, status);
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        target text,
        arguments jsonb NOT NULL DEFAULT '{}',
        outcome text NOT NULL DEFAULT 'PENDING',
        error_code text,
        message text,
        request_id text,
        job_id text,
        recovery jsonb,
        completed_at timestamptz
      );
      CREATE INDEX audit_entry_job ON audit_entry (job_id, id);
      CREATE INDEX audit_entry_target ON audit_entry (target, id);
    `,
  },
  {
    version: 2,
    name: 'several replicas',
    sql: `
      ALTER TABLE job_item ADD COLUMN owner text;
      CREATE TABLE job_worker (
        job_id text NOT NULL REFERENCES job (id),
        replica text NOT NULL,
        alive_until timestamptz NOT NULL,
        PRIMARY KEY (job_id, replica)
      );
      CREATE TABLE room_delete (
        room_id text PRIMARY KEY,
        delete_id text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE delete_poll (
        delete_id text PRIMARY KEY,
        owner text NOT NULL,
        lease_until timestamptz NOT NULL,
        task jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

// Any constant: several gateways starting together on one PostgreSQL apply the migrations once.
const migrationLock = 7_340_165;

/** Brings the store's tables to the newest version. Safe to run from several processes at once. */
export async function migrate(store: Store): Promise<number> {
  return store.transaction(async (tx: Queryable) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migration (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { version } = await oneRow<{ version: number }>(tx, 'SELECT coalesce(max(version), 0)::int AS version FROM schema_migration');
    for (const migration of migrations.filter((m) => m.version > version)) {
      for (const statement of migration.sql.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    return migrations.at(-1)!.version;
  });
}
