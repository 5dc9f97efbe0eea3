import { getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { sendHeld } from './coalesced-sends.js';
import { operationKey } from './operation-key.js';
import type { SharedDeliveryExtensions } from './schema/shared-delivery.js';

/** One graphql-ws subscriber: its operation ID on its socket, and its own stream, started only if it comes to feed the group. */
export interface FanoutSubscriber {
  id: string;
  socket: WebSocket;
  stream: AsyncIterator<ExecutionResult>;
  noteResult(result: ExecutionResult): void;
}

interface Member {
  subscriber: FanoutSubscriber;
  /** `{"id":…,"type":"next","payload":` for this subscriber: a frame is this, a payload and a brace. */
  prefix: string;
  /** A frame is out on the socket: newer events wait for it, and only the latest of them is sent. */
  writing: boolean;
  owed: boolean;
  written: (error?: Error) => void;
  finish?: (step: IteratorResult<never> | { error: unknown }) => void;
  /** Its stream's first step, asked for when it took over feeding the group. */
  started?: Promise<IteratorResult<ExecutionResult>>;
  ended?: IteratorResult<never> | { error: unknown };
}

interface Group {
  key: string;
  members: Set<Member>;
  /** The member whose stream feeds the group. */
  source: Member;
  latest?: { payload: string; result: ExecutionResult };
  /** A new member's stream feeds the group: its first event is the state the others already have, unless it moved on. */
  handedOver: boolean;
}

/**
 * graphql-ws subscribers of one (operation, variables, token) whose events are whole states share one stream: each
 * event is serialized once and written to every subscriber's socket as a pre-built frame, only the operation ID its
 * own. Nothing per subscriber runs per event but that write. A subscriber joining late starts from the latest event,
 * as a stream of its own would (the hub hands a newcomer the latest state); one whose socket has not taken its last
 * frame skips to the latest state, never losing it, as its own stream's sliding buffer would. When the subscriber
 * feeding the group leaves, the next one's stream takes over, and an event the others already have is not repeated.
 */
export class WsFanout {
  private readonly groups = new Map<string, Group>();

  /** The key subscribers share a stream by, or undefined for an operation whose subscribers need streams of their own. */
  static keyOf(args: ExecutionArgs, identity: string): string | undefined {
    const operation = getOperationAST(args.document, args.operationName);
    const [selection, ...more] = operation?.selectionSet.selections ?? [];
    if (operation?.operation !== 'subscription' || more.length > 0 || selection?.kind !== 'Field') return undefined;
    const field = args.schema.getSubscriptionType()?.getFields()[selection.name.value];
    if (!(field?.extensions as SharedDeliveryExtensions | undefined)?.sharedDelivery) return undefined;
    return `${identity}\u0000${operationKey(args.document, args.operationName, args.variableValues)}`;
  }

  /** Streams that feed groups: one per key however many subscribers. */
  get streams(): number {
    return this.groups.size;
  }

  /**
   * Joins the group of `key` (or starts it with this subscriber's stream). The iterator returned yields nothing: the
   * frames go straight to the socket. It ends when the group's stream does, and returning it leaves the group.
   */
  join(key: string, subscriber: FanoutSubscriber): AsyncIterableIterator<never> {
    const member: Member = {
      subscriber,
      prefix: `{"id":${JSON.stringify(subscriber.id)},"type":"next","payload":`,
      writing: false,
      owed: false,
      written: (error) => {
        member.writing = false;
        // A socket that failed a write is closing: its connection's end takes the subscriber out.
        if (error) member.owed = false;
        const { latest } = group;
        if (member.owed && latest && !member.ended) {
          member.owed = false;
          this.send(member, latest);
        }
      },
    };
    let group = this.groups.get(key)!;
    if (group) {
      group.members.add(member);
      if (group.latest) this.send(member, group.latest);
    } else {
      group = { key, members: new Set([member]), source: member, handedOver: false };
      this.groups.set(key, group);
      void this.pump(group);
    }
    const iterator: AsyncIterableIterator<never> = {
      next: () =>
        member.ended
          ? settle(member.ended)
          : new Promise((resolve, reject) => {
              member.finish = (step) => ('error' in step ? reject(step.error) : resolve(step));
            }),
      return: async () => {
        this.leave(group, member);
        return { done: true, value: undefined };
      },
      throw: async (error) => {
        this.leave(group, member);
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private async pump(group: Group): Promise<void> {
    try {
      for (;;) {
        const source = group.source;
        const pending = source.started ?? source.subscriber.stream.next();
        source.started = undefined;
        let step: IteratorResult<ExecutionResult>;
        try {
          step = await pending;
        } catch (error) {
          if (!this.isCurrent(group)) return;
          if (group.source !== source) continue;
          return this.end(group, { error });
        }
        // Everyone left meanwhile; or the member feeding the group did, and the next one's stream goes on.
        if (!this.isCurrent(group)) return;
        if (group.source !== source) continue;
        if (step.done) return this.end(group, { done: true, value: undefined });
        const payload = JSON.stringify(step.value);
        const repeated = group.handedOver && payload === group.latest?.payload;
        group.handedOver = false;
        if (repeated) continue;
        const latest = (group.latest = { payload, result: step.value });
        for (const member of group.members) {
          if (member.writing) member.owed = true;
          else this.send(member, latest);
        }
      }
    } catch (error) {
      // A frame that could not be made or sent: the subscribers end with the error rather than wait forever.
      if (this.isCurrent(group)) this.end(group, { error });
    }
  }

  /** Whether the group still serves its key: one that ended or lost its last member may have a successor. */
  private isCurrent(group: Group): boolean {
    return this.groups.get(group.key) === group;
  }

  private send(member: Member, event: NonNullable<Group['latest']>): void {
    const { socket, noteResult } = member.subscriber;
    // A closing socket: its connection's end takes the subscriber out.
    if (socket.readyState !== socket.OPEN) return;
    noteResult(event.result);
    member.writing = true;
    sendHeld(socket, `${member.prefix}${event.payload}}`, member.written);
  }

  private end(group: Group, ended: NonNullable<Member['ended']>): void {
    if (this.isCurrent(group)) this.groups.delete(group.key);
    for (const member of group.members) {
      // What a slow socket was owed goes out before the end.
      if (member.owed && group.latest) {
        member.owed = false;
        member.writing = false;
        this.send(member, group.latest);
      }
      member.ended = ended;
      member.finish?.(ended);
    }
    // The others' streams never started (lazy): nothing to end.
  }

  private leave(group: Group, member: Member): void {
    member.ended ??= { done: true, value: undefined };
    member.finish?.(member.ended);
    if (!group.members.delete(member)) return;
    if (this.isCurrent(group) && group.source === member) {
      if (group.members.size === 0) this.groups.delete(group.key);
      else {
        // The next stream starts before this one ends: the hub keeps its poll of the task, and hands it the latest state.
        const next = (group.source = group.members.values().next().value!);
        group.handedOver = true;
        next.started = next.subscriber.stream.next();
        next.started.catch(() => undefined);
      }
    }
    // Its stream, fed the group or never started: ended either way, and a failure to end it is nobody's concern now.
    Promise.resolve(member.subscriber.stream.return?.()).catch(() => undefined);
  }
}

function settle(step: NonNullable<Member['ended']>): Promise<IteratorResult<never>> {
  return 'error' in step ? Promise.reject(step.error) : Promise.resolve(step);
}
