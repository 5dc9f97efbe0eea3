import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { WebSocket } from 'ws';
import { graphqlRaw, kill9, startGateway, stopProcess, type GatewayProcess, type SimulatorProcess } from './processes.js';

/**
 * Several gateway processes on one PostgreSQL in front of one simulator process, for test/cluster.test.ts: replicas
 * started, killed with SIGKILL and replaced; GraphQL sent to a live replica that is never killed while the test
 * waits for its answer; `job` subscriptions per replica (graphql-ws), each giving that replica the admin's token.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface JobView {
  id: string;
  status: string;
  phase: string | null;
  error: string | null;
  progress: { total: number; pending: number; running: number; done: number; failed: number; skipped: number; cancelled: number };
}
export const jobFields = 'id status phase error progress { total pending running done failed skipped cancelled }';

/** One `job(id)` subscription on one replica. */
export interface Follower {
  replica: Replica;
  /** Every job the subscription sent, in order. */
  events: JobView[];
  /** 'completed': the server ended it (the job ended); 'failed': an error, or the connection went with a kill. */
  state: 'opening' | 'open' | 'completed' | 'failed';
  error?: string;
  /** Settles (never rejects) once the subscription is over, whichever way. */
  over: Promise<void>;
  dispose(): Promise<void>;
}

export interface Replica {
  /** 1 for the first process started, then one more for each start. */
  life: number;
  gateway: GatewayProcess;
  /** The ID it writes as owner of the items it runs (its 'gateway listening' line). */
  replicaId: string;
  killedAt: number | null;
  /** Requests of the test under way here: a replica is not killed while the test waits for its answer. */
  pinned: number;
  followers: Follower[];
}

const followBackoffMs = 250;

export class Cluster {
  readonly replicas: Replica[] = [];
  private readonly starting = new Set<Promise<Replica>>();
  private closed = false;
  /** Requests go round the live replicas. */
  private turn = 0;

  constructor(
    private readonly sim: SimulatorProcess,
    private readonly env: Record<string, string>,
  ) {}

  /** Replicas started and not killed. */
  live(): Replica[] {
    return this.replicas.filter((replica) => replica.killedAt === null);
  }

  /** Starts a gateway process; resolves once its store is open (it takes part in the cluster from then on). */
  async start(): Promise<Replica> {
    const started = (async () => {
      const gateway = await startGateway(this.sim.url, this.env);
      const listening = gateway.logs.find((line) => line.msg === 'gateway listening');
      const replica: Replica = { life: this.replicas.length + 1, gateway, replicaId: String(listening?.replica), killedAt: null, pinned: 0, followers: [] };
      this.replicas.push(replica);
      return replica;
    })();
    this.starting.add(started);
    try {
      return await started;
    } finally {
      this.starting.delete(started);
    }
  }

  /** Starts still under way. */
  get startsUnderWay(): number {
    return this.starting.size;
  }

  /** Waits for the starts under way (a failed start rejects). */
  async settleStarts(): Promise<void> {
    await Promise.all([...this.starting]);
  }

  /** A live replica no request of the test is waiting on, chosen with `random`; undefined when there is none. */
  victim(random: () => number): Replica | undefined {
    const candidates = this.live().filter((replica) => replica.pinned === 0);
    return candidates.length ? candidates[Math.floor(random() * candidates.length)] : undefined;
  }

  async kill(replica: Replica): Promise<void> {
    if (replica.pinned > 0) throw new Error(`replica ${replica.life} is pinned by a request of the test`);
    replica.killedAt = Date.now();
    await kill9(replica.gateway);
  }

  /**
   * Runs `work` against a live replica (each in turn), which stays alive until it returns. Waits for one while
   * every replica is down (the replacements are starting).
   */
  async use<T>(work: (replica: Replica) => Promise<T>, timeoutMs = 90_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const live = this.live();
      if (live.length) {
        const replica = live[this.turn++ % live.length]!;
        replica.pinned++;
        try {
          return await work(replica);
        } finally {
          replica.pinned--;
        }
      }
      if (Date.now() > deadline) throw new Error(`no live replica for ${timeoutMs} ms (${this.startsUnderWay} starts under way)`);
      await sleep(50);
    }
  }

  /**
   * One GraphQL operation with the admin's token at a live replica. The replica checks the token with Synapse first
   * (SYNAPSE_TIMEOUT_MS): on a loaded machine that check may time out, and nothing has happened then, so it is sent
   * again (to any live replica).
   */
  ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.use((replica) => this.askAt<T>(replica, query, variables));
  }

  /** `ask` at this replica (the caller keeps it alive: `use`). */
  async askAt<T>(replica: Replica, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    for (let tries = 1; ; tries++) {
      const body = await graphqlRaw<T>(replica.gateway.url, this.sim.token, query, variables);
      if (!body.errors?.length && body.data) return body.data;
      const upstream = body.errors?.some((error) => error.extensions?.code === 'UPSTREAM_UNAVAILABLE');
      if (!upstream || tries >= 8) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors ?? body)}`);
      await sleep(followBackoffMs * tries);
    }
  }

  /** Opens a `job(id)` subscription on the replica, tried again while its admin check times out and the replica lives. */
  follow(replica: Replica, jobId: string): Follower {
    const events: JobView[] = [];
    let client: Client | undefined;
    const follower: Follower = {
      replica,
      events,
      state: 'opening',
      over: Promise.resolve(),
      dispose: async () => {
        await client?.dispose();
      },
    };
    const attempt = () =>
      new Promise<'again' | 'over'>((resolve) => {
        client = createClient({
          url: replica.gateway.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          lazy: true,
          connectionParams: { authorization: `Bearer ${this.sim.token}` },
        });
        const fail = (error: unknown) => {
          const text = errorText(error);
          if (events.length === 0 && replica.killedAt === null && !this.closed && text.includes('UPSTREAM_UNAVAILABLE')) return resolve('again');
          follower.state = 'failed';
          follower.error = text;
          resolve('over');
        };
        client.subscribe<{ job: JobView }>(
          { query: `subscription ($id: ID!) { job(id: $id) { ${jobFields} } }`, variables: { id: jobId } },
          {
            next: (result) => {
              if (result.errors?.length || !result.data) return fail(result.errors ?? result);
              follower.state = 'open';
              events.push(result.data.job);
            },
            error: fail,
            complete: () => {
              if (follower.state === 'failed') return;
              follower.state = events.length ? 'completed' : 'failed';
              if (!events.length) follower.error = 'completed without an event';
              resolve('over');
            },
          },
        );
      });
    follower.over = (async () => {
      for (let tries = 1; ; tries++) {
        if ((await attempt()) === 'over') return;
        await client?.dispose();
        if (tries >= 8) {
          follower.state = 'failed';
          follower.error = 'the admin check timed out 8 times';
          return;
        }
        await sleep(followBackoffMs * tries);
      }
    })();
    replica.followers.push(follower);
    return follower;
  }

  /** Every follower of every replica. */
  followers(): Follower[] {
    return this.replicas.flatMap((replica) => replica.followers);
  }

  /** Ends every subscription and stops every process still running (SIGTERM, SIGKILL after a grace). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.starting]);
    await Promise.all(this.followers().map((follower) => follower.dispose().catch(() => undefined)));
    await Promise.all(this.live().map((replica) => stopProcess(replica.gateway, 2000)));
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  // graphql-ws hands a CloseEvent-like object for a closed socket, an array of GraphQL errors otherwise.
  if (error && typeof error === 'object' && 'code' in error && 'reason' in error) return `socket closed (${(error as { code: number }).code} ${(error as { reason: string }).reason})`;
  return JSON.stringify(error);
}

/**
 * A trigger in the test's own database that writes down every item taken over (its owner changed while it stayed
 * RUNNING: JobStore.takeOver), with the previous owner and lease, so that the test can count takeovers and check
 * each one's previous owner was gone; and, at every claim (an item becoming RUNNING), how many items of its job and
 * phase are RUNNING then, on every replica (the claim holds the job's row: the count is the job-wide one). Installed
 * once the first replica has migrated the database.
 */
export async function installTakeoverLog(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    await client.query(`
      CREATE TABLE test_takeover (
        job_id text NOT NULL, phase text NOT NULL, target text NOT NULL,
        old_owner text, new_owner text, old_lease_until timestamptz, at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE test_claim (job_id text NOT NULL, phase text NOT NULL, running int NOT NULL);
      CREATE FUNCTION test_note_takeover() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'RUNNING' AND NEW.status = 'RUNNING' AND OLD.owner IS DISTINCT FROM NEW.owner THEN
          INSERT INTO test_takeover (job_id, phase, target, old_owner, new_owner, old_lease_until)
          VALUES (NEW.job_id, NEW.phase, NEW.target, OLD.owner, NEW.owner, OLD.lease_until);
        END IF;
        IF OLD.status <> 'RUNNING' AND NEW.status = 'RUNNING' THEN
          INSERT INTO test_claim (job_id, phase, running)
          SELECT NEW.job_id, NEW.phase, count(*) FROM job_item WHERE job_id = NEW.job_id AND phase = NEW.phase AND status = 'RUNNING';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_note_takeover AFTER UPDATE ON job_item FOR EACH ROW EXECUTE FUNCTION test_note_takeover();
    `);
  });
}

export interface Takeover {
  phase: string;
  target: string;
  oldOwner: string | null;
  newOwner: string | null;
  /** ms since the epoch. */
  at: number;
  oldLeaseUntil: number | null;
}

export async function readTakeovers(databaseUrl: string, jobId: string): Promise<Takeover[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ phase: string; target: string; old_owner: string | null; new_owner: string | null; at: Date; old_lease_until: Date | null }>(
      'SELECT phase, target, old_owner, new_owner, at, old_lease_until FROM test_takeover WHERE job_id = $1 ORDER BY at',
      [jobId],
    );
    return rows.map((row) => ({
      phase: row.phase,
      target: row.target,
      oldOwner: row.old_owner,
      newOwner: row.new_owner,
      at: row.at.getTime(),
      oldLeaseUntil: row.old_lease_until?.getTime() ?? null,
    }));
  });
}

/** The most items of each phase of the job that were RUNNING at once (job-wide, seen at every claim). */
export async function mostRunningAtOnce(databaseUrl: string, jobId: string): Promise<Record<string, number>> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ phase: string; most: number }>('SELECT phase, max(running)::int AS most FROM test_claim WHERE job_id = $1 GROUP BY phase', [jobId]);
    return Object.fromEntries(rows.map((row) => [row.phase, row.most]));
  });
}

/** Items by the replica that ran them last. */
export async function ownersOf(databaseUrl: string, jobId: string): Promise<Map<string, number>> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ owner: string | null; items: number }>('SELECT owner, count(*)::int AS items FROM job_item WHERE job_id = $1 GROUP BY owner', [jobId]);
    return new Map(rows.map((row) => [row.owner ?? '(none)', row.items]));
  });
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // The database is dropped WITH (FORCE) at the end; a client still open then must not throw uncaught.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The simulator's delete tasks with their histories (status changes, simulator clock in ms). */
export async function simulatorTasks(sim: SimulatorProcess): Promise<{ id: string; roomId: string; status: string; history: { at: number; status: string }[] }[]> {
  const response = await fetch(`${sim.url}/_simulator/tasks`);
  if (!response.ok) throw new Error(`simulator tasks: ${response.status}`);
  return ((await response.json()) as { tasks: { id: string; roomId: string; status: string; history: { at: number; status: string }[] }[] }).tasks;
}

/** The most deletes Synapse had submitted (scheduled or active) at once, from the tasks' histories. */
export function mostDeletesAtOnce(tasks: { history: { at: number; status: string }[] }[]): number {
  const edges: [number, number][] = [];
  for (const task of tasks) {
    const start = task.history[0]?.at;
    const end = task.history.find((entry) => entry.status === 'complete' || entry.status === 'failed')?.at;
    if (start === undefined) continue;
    edges.push([start, 1]);
    if (end !== undefined) edges.push([end, -1]);
  }
  // Ends before starts at the same millisecond: a place given back and taken again is not two at once.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}
