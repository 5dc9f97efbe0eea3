import type { Logger } from 'pino';
import type { Queryable } from './store.js';

/** One channel for every topic: one LISTEN per replica, whatever the number of jobs and deletes followed. */
export const eventChannel = 'gateway_events';

interface Notice {
  /** The replica that published: it has delivered to its own listeners already. */
  origin: string;
  topic: string;
  detail: unknown;
}

/**
 * An EventTarget for Yoga's pubsub shared by every replica on one PostgreSQL: events reach this process's listeners
 * at once and the other replicas through NOTIFY. Events carry IDs and counters only (NOTIFY payloads stay under
 * 8000 bytes) and listeners read the rows themselves, so a lost notification never loses state; after the LISTEN
 * connection was lost, `resync()` tells every listener to read again (detail `null`).
 */
export class NotifyEventTarget {
  private readonly local = new EventTarget();
  private readonly topics = new Map<string, number>();

  constructor(
    private readonly db: Queryable,
    private readonly origin: string,
    private readonly logger?: Logger,
  ) {}

  addEventListener(topic: string, listener: EventListenerOrEventListenerObject | null): void {
    if (!listener) return;
    this.topics.set(topic, (this.topics.get(topic) ?? 0) + 1);
    this.local.addEventListener(topic, listener);
  }

  removeEventListener(topic: string, listener: EventListenerOrEventListenerObject | null): void {
    if (!listener) return;
    const count = (this.topics.get(topic) ?? 1) - 1;
    if (count > 0) this.topics.set(topic, count);
    else this.topics.delete(topic);
    this.local.removeEventListener(topic, listener);
  }

  dispatchEvent(event: Event): boolean {
    const detail = (event as CustomEvent).detail as unknown;
    this.local.dispatchEvent(new CustomEvent(event.type, { detail }));
    const notice: Notice = { origin: this.origin, topic: event.type, detail };
    // A NOTIFY that fails is a delay, not a loss: the other replicas' subscribers also read on their own cadence.
    this.db.query('SELECT pg_notify($1, $2)', [eventChannel, JSON.stringify(notice)]).catch((error: unknown) => this.logger?.warn({ err: error, topic: event.type }, 'NOTIFY failed'));
    return true;
  }

  /** A NOTIFY payload from the LISTEN connection. */
  received(payload: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.origin === this.origin || typeof notice.topic !== 'string') return;
    this.local.dispatchEvent(new CustomEvent(notice.topic, { detail: notice.detail }));
  }

  /** Notifications may have been missed: every listener reads again. */
  resync(): void {
    for (const topic of this.topics.keys()) this.local.dispatchEvent(new CustomEvent(topic, { detail: null }));
  }
}
