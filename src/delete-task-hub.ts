import { Repeater, SlidingBuffer } from 'graphql-yoga';
import type { GatewayPubSub } from './cluster/gateway-pubsub.js';
import type { DeletePolls, PollTurn } from './store/delete-polls.js';
import type { SynapseAdminClient } from './synapse/client.js';
import { isTerminalStatus, withFailureReason, type DeleteTaskRecord } from './synapse/delete-tasks.js';
import { SynapseError, transientErrorCodes } from './synapse/errors.js';
import { PollLoop, ReadsInFlight, type PollOutcome } from './poll-loop.js';
import { realTimers, type Timers } from './timers.js';

export type DeleteTaskEvent = { task: DeleteTaskRecord; error?: never } | { error: SynapseError; task?: never };

export interface DeleteTaskHubOptions {
  /** Poll interval while a task runs. */
  intervalMs: number;
  /** Ceiling of the backoff while a task sits in `scheduled` or Synapse fails transiently. */
  maxIntervalMs?: number;
  /** How long a token that read a task stays trusted to receive what other subscribers' polls read. */
  trustTtlMs?: number;
  timers?: Timers;
  /**
   * Replicas on one PostgreSQL: one of them polls each delete (its lease in `polls`), and tells the others through
   * `pubsub` that it read something new.
   */
  shared?: { polls: DeletePolls; pubsub: GatewayPubSub };
}

interface Subscriber {
  client: SynapseAdminClient;
  deliver(event: DeleteTaskEvent): void;
}

interface Poller {
  deleteId: string;
  loop: PollLoop;
  subscribers: Set<Subscriber>;
  /** Subscribers the poll under way will answer with their first event, changed or not. */
  waiting: Set<Subscriber>;
  /** Identity of the token the poll under way reads with. */
  readingAs?: string;
  last?: DeleteTaskRecord;
}

/**
 * Delete-task streams for subscribers: one poll loop per delete ID (a PollLoop), whatever the number of
 * subscribers, stopped as soon as the last one leaves. Each poll reads the task once and hands the same record to
 * every subscriber whose token may see it; nothing is computed per subscriber but a change check.
 */
export class DeleteTaskHub {
  private readonly pollers = new Map<string, Poller>();
  private readonly reads = new ReadsInFlight();
  private readonly trustedUntil = new Map<string, number>();
  private readonly timers: Timers;
  private readonly intervalMs: number;
  private readonly maxIntervalMs?: number;
  private readonly trustTtlMs: number;
  private readonly shared?: DeleteTaskHubOptions['shared'];

  constructor(options: DeleteTaskHubOptions) {
    this.timers = options.timers ?? realTimers;
    this.intervalMs = options.intervalMs;
    this.maxIntervalMs = options.maxIntervalMs;
    this.trustTtlMs = options.trustTtlMs ?? 60_000;
    this.shared = options.shared;
    if (this.shared) void this.followOtherReplicas(this.shared);
  }

  /**
   * Another replica read a delete this one follows, or stopped polling it: read its row (or take the poll over) now
   * rather than at the next tick. This replica's own notices are not for itself: they would poll Synapse again at once.
   */
  private async followOtherReplicas(shared: NonNullable<DeleteTaskHubOptions['shared']>): Promise<void> {
    for await (const notice of shared.pubsub.subscribe('delete-task')) {
      if (notice?.from === shared.polls.replicaId) continue;
      for (const poller of notice === null ? this.pollers.values() : [this.pollers.get(notice.deleteId)]) if (poller) void poller.loop.pollNow();
    }
  }

  /** Resolves once no read of Synapse is under way (tests advance a manual clock between polls with it). */
  settled(): Promise<void> {
    return this.reads.settled();
  }

  private reading<T>(read: () => Promise<T>): Promise<T> {
    return this.reads.track(read);
  }

  /** Delete IDs being polled right now. */
  get watched(): string[] {
    return [...this.pollers.keys()];
  }

  /** Poll loops and the subscribers they serve (metrics). */
  get stats(): { loops: number; subscribers: number } {
    let subscribers = 0;
    for (const poller of this.pollers.values()) subscribers += poller.subscribers.size;
    return { loops: this.pollers.size, subscribers };
  }

  /**
   * The current state of each task, then one event per change of status or shutdown result; ends when every task is
   * terminal (or unknown: one NOT_FOUND error for it). Leaving early unsubscribes.
   */
  watch(deleteIds: readonly string[], client: SynapseAdminClient): AsyncIterableIterator<DeleteTaskEvent> {
    // A subscriber that stops reading loses intermediate states, never the latest one (and never the others' stream).
    const buffer = new SlidingBuffer(Math.max(16, deleteIds.length * 4));
    return new Repeater<DeleteTaskEvent>(async (push, stop) => {
      const open = new Set(deleteIds);
      const subscriptions: [string, Subscriber][] = [];
      for (const deleteId of open) {
        let lastSent: string | undefined;
        const subscriber: Subscriber = {
          client,
          deliver: (event) => {
            if (!open.has(deleteId)) return;
            const key = event.task ? changeKey(event.task) : 'error';
            if (key === lastSent) return;
            lastSent = key;
            void push(event);
            if (event.error || isTerminalStatus(event.task.status)) {
              open.delete(deleteId);
              this.unsubscribe(deleteId, subscriber);
              if (open.size === 0) stop();
            }
          },
        };
        subscriptions.push([deleteId, subscriber]);
        this.subscribe(deleteId, subscriber);
      }
      if (open.size === 0) stop();
      await stop;
      for (const [deleteId, subscriber] of subscriptions) this.unsubscribe(deleteId, subscriber);
      // Reads still out on this subscriber's behalf are not waited for.
      client.cancelCalls();
    }, buffer);
  }

  private subscribe(deleteId: string, subscriber: Subscriber): void {
    const existing = this.pollers.get(deleteId);
    if (!existing) {
      const poller: Poller = {
        deleteId,
        subscribers: new Set([subscriber]),
        waiting: new Set([subscriber]),
        loop: new PollLoop({ intervalMs: this.intervalMs, maxIntervalMs: this.maxIntervalMs, timers: this.timers, poll: () => this.poll(poller), inFlight: this.reads }),
      };
      this.pollers.set(deleteId, poller);
      void poller.loop.pollNow();
      return;
    }
    existing.subscribers.add(subscriber);
    if (existing.last && this.trusted(subscriber.client)) subscriber.deliver({ task: existing.last });
    // Same token as the poll under way: its answer is this subscriber's answer too.
    else if (existing.loop.polling && existing.readingAs === subscriber.client.identity) existing.waiting.add(subscriber);
    else void this.firstRead(existing, subscriber);
  }

  private unsubscribe(deleteId: string, subscriber: Subscriber): void {
    const poller = this.pollers.get(deleteId);
    if (!poller?.subscribers.delete(subscriber)) return;
    poller.waiting.delete(subscriber);
    if (poller.subscribers.size > 0) return;
    poller.loop.stop();
    this.pollers.delete(deleteId);
    if (this.shared) void this.handOver(deleteId, this.shared);
  }

  /** Subscribers elsewhere may still follow the delete: the next of them polls it. */
  private async handOver(deleteId: string, shared: NonNullable<DeleteTaskHubOptions['shared']>): Promise<void> {
    await shared.polls.release(deleteId).catch(() => undefined);
    shared.pubsub.publish('delete-task', { deleteId, from: shared.polls.replicaId });
  }

  /** A newcomer whose token has not read this task lately reads it once with its own token: its first event. */
  private async firstRead(poller: Poller, subscriber: Subscriber): Promise<void> {
    await this.reading(async () => {
      try {
        const task = await subscriber.client.deleteTasks.status(poller.deleteId);
        if (!task) return subscriber.deliver({ error: unknownTask(poller.deleteId) });
        this.trust(subscriber.client);
        subscriber.deliver({ task: await withReason(subscriber.client, task) });
        // A poll may have moved on while this read was out, and its broadcast skipped this not yet trusted subscriber.
        if (poller.last && progress(poller.last) > progress(task)) subscriber.deliver({ task: poller.last });
      } catch (error) {
        subscriber.deliver({ error: asSynapseError(error) });
      }
    });
  }

  /** A token whose trust ran out reads the task again itself; its subscribers get that read, changed or not. */
  private async renew(poller: Poller, client: SynapseAdminClient): Promise<void> {
    const mine = () => [...poller.subscribers].filter((subscriber) => subscriber.client.identity === client.identity);
    await this.reading(async () => {
      try {
        const task = await client.deleteTasks.status(poller.deleteId);
        if (!task) return this.deliverTo(mine(), { error: unknownTask(poller.deleteId) });
        this.trust(client);
        const read = await withReason(client, task);
        // The newest of the two reads: a poll may have moved on while this one was out.
        const latest = poller.last && progress(poller.last) > progress(read) ? poller.last : read;
        this.deliverTo(mine(), { task: latest });
      } catch (error) {
        const failure = asSynapseError(error);
        if (!transientErrorCodes.has(failure.code)) return this.deliverTo(mine(), { error: failure });
        // A passing failure: read again later (the task may have stopped changing, and its poll with it).
        if (this.pollers.get(poller.deleteId) === poller && mine().length > 0) {
          this.timers.schedule(Math.max(failure.retryAfterMs ?? 0, this.intervalMs), () => void this.renew(poller, client));
        }
      }
    });
  }

  /** One poll: read with the first subscriber's token (or what the replica polling it stored), hand the task on, say when to poll next. */
  private async poll(poller: Poller): Promise<PollOutcome> {
    const [reader] = poller.subscribers;
    if (!reader) return { next: 'done' };
    // Set before anything is awaited: subscribers with this token arriving meanwhile wait for this poll's answer.
    poller.readingAs = reader.client.identity;
    if (this.shared) {
      const turn = await this.turn(poller.deleteId, this.shared);
      if (this.pollers.get(poller.deleteId) !== poller) return { next: 'done' };
      // Nothing stored yet: the replica polling it has not read it yet, its notice will wake this loop.
      if (!turn.poll) return turn.task ? this.handOn(poller, turn.task) : { next: 'again', idle: true };
    }
    let task: DeleteTaskRecord | null;
    try {
      task = await this.reading(async () => {
        const read = await reader.client.deleteTasks.status(poller.deleteId);
        return read && withReason(reader.client, read);
      });
    } catch (error) {
      return this.pollFailed(poller, reader, asSynapseError(error));
    }
    if (this.pollers.get(poller.deleteId) !== poller) return { next: 'done' }; // everyone left while the call was out
    if (!task) {
      this.deliverTo(poller.subscribers, { error: unknownTask(poller.deleteId) });
      return { next: 'done' };
    }
    this.trust(reader.client);
    if (this.shared) void this.publish(task, this.shared);
    return this.handOn(poller, task);
  }

  /** Whether this replica reads Synapse for the delete now. A store that does not answer is no reason to stop polling. */
  private turn(deleteId: string, shared: NonNullable<DeleteTaskHubOptions['shared']>): Promise<PollTurn> {
    return this.reading(() => shared.polls.turn(deleteId)).catch((): PollTurn => ({ poll: true }));
  }

  private async publish(task: DeleteTaskRecord, shared: NonNullable<DeleteTaskHubOptions['shared']>): Promise<void> {
    await shared.polls.publish(task).catch(() => undefined);
    shared.pubsub.publish('delete-task', { deleteId: task.deleteId, from: shared.polls.replicaId });
  }

  /** A read of the task (this replica's, or the one polling it stored) to the subscribers; when to poll next. */
  private handOn(poller: Poller, task: DeleteTaskRecord): PollOutcome {
    const waiting = [...poller.waiting];
    poller.waiting.clear();
    if (!poller.last || changeKey(poller.last) !== changeKey(task)) {
      poller.last = task;
      // Only to subscribers whose own token was seen to read tasks lately: a poll's answer is never shown to a token
      // that may not see it. The others read it again with their own token, which renews their trust.
      // One event object for all: shared subscription execution resolves it once per operation and caller.
      const event = { task };
      const untrusted = new Map<string, Subscriber>();
      for (const subscriber of poller.subscribers) {
        if (this.trusted(subscriber.client)) subscriber.deliver(event);
        else if (!untrusted.has(subscriber.client.identity)) untrusted.set(subscriber.client.identity, subscriber);
      }
      for (const subscriber of untrusted.values()) void this.renew(poller, subscriber.client);
    } else {
      // Their token is the poll's: trusted once it read, unless the read was another replica's.
      const unseen = waiting.filter((subscriber) => !this.trusted(subscriber.client));
      this.deliverTo(waiting.filter((subscriber) => this.trusted(subscriber.client)), { task });
      for (const client of new Map(unseen.map((subscriber) => [subscriber.client.identity, subscriber.client])).values()) void this.renew(poller, client);
    }
    if (isTerminalStatus(task.status)) return { next: 'done' };
    // A task waiting for one of Synapse's 5 slots can wait minutes: back off until it starts.
    return { next: 'again', idle: task.status === 'scheduled' };
  }

  private pollFailed(poller: Poller, reader: Subscriber, error: SynapseError): PollOutcome {
    if (this.pollers.get(poller.deleteId) !== poller) return { next: 'done' };
    // The reader left while its read was out: another subscriber reads now.
    if (error.code === 'CANCELLED') return { next: 'now' };
    if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') {
      // That token may not read tasks: its subscribers end, the others carry on with their own tokens.
      const identity = reader.client.identity;
      this.trustedUntil.delete(identity);
      this.deliverTo([...poller.subscribers].filter((s) => s.client.identity === identity), { error });
      return { next: 'now' };
    }
    if (!transientErrorCodes.has(error.code)) {
      // The request itself is wrong (an ID Synapse cannot take): nothing will change by asking again.
      this.deliverTo(poller.subscribers, { error });
      return { next: 'done' };
    }
    // Transient: keep every stream open and try again later.
    return { next: 'retry', afterMs: error.retryAfterMs };
  }

  private deliverTo(subscribers: Iterable<Subscriber>, event: DeleteTaskEvent): void {
    for (const subscriber of [...subscribers]) subscriber.deliver(event);
  }

  private trust(client: SynapseAdminClient): void {
    this.trustedUntil.set(client.identity, this.timers.now() + this.trustTtlMs);
  }

  private trusted(client: SynapseAdminClient): boolean {
    return (this.trustedUntil.get(client.identity) ?? 0) > this.timers.now();
  }
}

const statusRank: Record<string, number> = { scheduled: 0, active: 1, shutting_down: 1, purging: 2 };

/** How far a task has come, to order two reads of it taken concurrently. */
function progress(task: DeleteTaskRecord): number {
  const rank = isTerminalStatus(task.status) ? 3 : (statusRank[task.status] ?? 1);
  const room = task.shutdownRoom;
  return rank * 1e6 + (room ? 1 + room.kicked_users.length + room.failed_to_kick_users.length + (room.new_room_id ? 1 : 0) : 0);
}

const changeKeys = new WeakMap<DeleteTaskRecord, string>();

/** What subscribers see change; computed once per read, however many subscribers compare against it. */
function changeKey(task: DeleteTaskRecord): string {
  let key = changeKeys.get(task);
  if (key === undefined) changeKeys.set(task, (key = `${task.status}\u0000${JSON.stringify(task.shutdownRoom)}`));
  return key;
}

/** The failure reason is read once by the hub, not once per subscriber. */
function withReason(client: SynapseAdminClient, task: DeleteTaskRecord): Promise<DeleteTaskRecord> {
  return withFailureReason(task, (roomId) => client.deleteTasks.forRoom(roomId));
}

function unknownTask(deleteId: string): SynapseError {
  return new SynapseError('NOT_FOUND', `No delete task "${deleteId}": unknown, or expired (Synapse keeps finished tasks for 7 days)`);
}

function asSynapseError(error: unknown): SynapseError {
  return error instanceof SynapseError ? error : new SynapseError('UPSTREAM_ERROR', error instanceof Error ? error.message : String(error));
}
