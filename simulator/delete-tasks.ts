import { randomBytes } from 'node:crypto';
import type { Homeserver } from './homeserver.js';

export interface ShutdownResult {
  kicked_users: string[];
  failed_to_kick_users: string[];
  local_aliases: string[];
  new_room_id: string | null;
}

export interface DeleteParams {
  block: boolean;
  purge: boolean;
  forcePurge: boolean;
  newRoomUserId: string | null;
  // Synapse does not type-check these in the request; a non-string fails the task when it is used.
  roomName: unknown;
  message: unknown;
  requester: string;
}

export interface SimTask {
  id: string;
  action: 'shutdown_and_purge_room' | 'purge_room';
  status: 'scheduled' | 'active' | 'complete' | 'failed' | 'cancelled';
  resourceId: string;
  result: ShutdownResult | null;
  error: string | null;
  timestampMs: number;
  params: DeleteParams;
  /** Every change of status or result, with its time (benchmarks measure delivery delays from it). */
  history: { at: number; status: string; result: ShutdownResult | null }[];
}

export interface DeleteTimings {
  /** From the DELETE to the scheduler's launch attempt (Synapse launches in the background). */
  launchDelayMs: number;
  newRoomMs: number;
  kickMsPerUser: number;
  purgeMs: number;
  /** Synapse looks for waiting tasks 100 ms after one finishes. */
  relaunchDelayMs: number;
}

export const defaultDeleteTimings: DeleteTimings = { launchDelayMs: 5, newRoomMs: 20, kickMsPerUser: 10, purgeMs: 150, relaunchDelayMs: 100 };

export const defaultFailureReason = 'Simulated failure while purging the room';

/** Synapse runs at most 5 scheduled tasks at once (MAX_CONCURRENT_RUNNING_TASKS), shared by every task type. */
export const maxConcurrentTasks = 5;

/** Synapse's task scheduler and RoomShutdownHandler, reduced to the steps the admin API shows. */
export class DeleteTaskScheduler {
  readonly tasks = new Map<string, SimTask>();
  /** Rooms whose next delete fails at the purge step, with this reason (see failNext for more than one). */
  readonly failures = new Map<string, string>();
  /** For rooms in `failures`: how many deletes fail, the next one included (absent: 1; Infinity: every one). */
  readonly failureTimes = new Map<string, number>();
  timings: DeleteTimings;
  /** Synapse's is 5; benchmarks that need many tasks changing at once raise it. */
  maxConcurrent = maxConcurrentTasks;

  constructor(
    private readonly hs: Homeserver,
    timings: Partial<DeleteTimings> = {},
  ) {
    this.timings = { ...defaultDeleteTimings, ...timings };
  }

  start(roomId: string, params: DeleteParams): SimTask {
    const task: SimTask = {
      id: randomBytes(12).toString('base64url').slice(0, 16),
      action: 'shutdown_and_purge_room',
      status: 'scheduled',
      resourceId: roomId,
      result: null,
      error: null,
      timestampMs: this.hs.clock.now(),
      params,
      history: [{ at: this.hs.clock.now(), status: 'scheduled', result: null }],
    };
    this.tasks.set(task.id, task);
    this.hs.clock.schedule(this.timings.launchDelayMs, () => this.launchWaiting());
    return task;
  }

  /** Makes the next `times` deletes of a room fail at the purge step (Infinity: every one; 0 or less: none). */
  failNext(roomId: string, reason = defaultFailureReason, times = 1): void {
    if (!(times > 0)) return this.clearFailures(roomId);
    this.failures.set(roomId, reason);
    this.failureTimes.set(roomId, times);
  }

  /** Deletes of this room (or of every room) no longer fail. */
  clearFailures(roomId?: string): void {
    for (const map of [this.failures, this.failureTimes]) {
      if (roomId === undefined) map.clear();
      else map.delete(roomId);
    }
  }

  /** The reason this delete of the room fails, if it does; counts it against the room's failures. */
  takeFailure(roomId: string): string | undefined {
    const reason = this.failures.get(roomId);
    if (reason === undefined) return undefined;
    const times = this.failureTimes.get(roomId) ?? 1;
    if (times > 1) this.failureTimes.set(roomId, times - 1);
    else this.clearFailures(roomId);
    return reason;
  }

  activeFor(roomId: string): SimTask | undefined {
    return [...this.tasks.values()].find((t) => t.resourceId === roomId && t.status === 'active');
  }

  get running(): number {
    return [...this.tasks.values()].filter((t) => t.status === 'active').length;
  }

  /** Starts waiting tasks now, up to the slot limit (Synapse does this 100 ms after a task ends, and every minute). */
  launchWaiting(): void {
    const waiting = [...this.tasks.values()].filter((t) => t.status === 'scheduled').sort((a, b) => a.timestampMs - b.timestampMs);
    for (const task of waiting) {
      if (this.running >= this.maxConcurrent) return;
      this.update(task, { status: 'active' });
      this.run(task);
    }
  }

  private update(task: SimTask, change: Partial<SimTask>): void {
    Object.assign(task, change, { timestampMs: this.hs.clock.now() });
    task.history.push({ at: task.timestampMs, status: task.status, result: task.result });
  }

  private finish(task: SimTask, status: 'complete' | 'failed', error: string | null = null): void {
    this.update(task, { status, error });
    this.hs.clock.schedule(this.timings.relaunchDelayMs, () => this.launchWaiting());
  }

  private run(task: SimTask): void {
    // Steps end early once one of them finished the task (a failure).
    const stillRunning = () => task.status === 'active';
    const { hs } = this;
    const { params } = task;
    const roomId = task.resourceId;
    if (params.block && !hs.blocked.has(roomId)) hs.blocked.set(roomId, params.requester);
    const room = hs.rooms.get(roomId);
    const result: ShutdownResult = { kicked_users: [], failed_to_kick_users: [], local_aliases: [], new_room_id: null };
    if (!room) {
      this.update(task, { result });
      this.finish(task, 'complete');
      return;
    }
    const steps: { delay: number; act: () => void }[] = [];
    let newRoomId: string | null = null;
    if (params.newRoomUserId) {
      const creator = params.newRoomUserId;
      steps.push({
        delay: this.timings.newRoomMs,
        act: () => {
          if (typeof params.roomName !== 'string') return this.finish(task, 'failed', "400: 'name' not a string type");
          newRoomId = hs.createRoom({ creator, name: params.roomName, public: true }).roomId;
          result.new_room_id = newRoomId;
          this.update(task, { result: structuredClone(result) });
        },
      });
    }
    const localMembers = hs.membersWith(room, ['join', 'invite', 'knock']).filter((id) => hs.isMine(id));
    for (const userId of localMembers) {
      steps.push({
        delay: this.timings.kickMsPerUser,
        act: () => {
          const wasJoined = hs.joinedMembers(room).includes(userId);
          hs.setMembership(room, userId, userId, 'leave');
          room.forgottenBy.add(userId);
          const target = newRoomId ? hs.rooms.get(newRoomId) : undefined;
          if (target && wasJoined) hs.setMembership(target, userId, userId, 'join');
          result.kicked_users.push(userId);
          this.update(task, { result: structuredClone(result) });
        },
      });
    }
    steps.push({
      delay: this.timings.purgeMs,
      act: () => {
        if (newRoomId && typeof params.message !== 'string') return this.finish(task, 'failed', "400: 'body' not a string type");
        const alias = hs.stateContent(room, 'm.room.canonical_alias')?.alias;
        const target = newRoomId ? hs.rooms.get(newRoomId) : undefined;
        if (target && typeof alias === 'string') {
          result.local_aliases.push(alias);
          hs.setState(target, target.roomId, 'm.room.canonical_alias', '', { alias });
          this.update(task, { result: structuredClone(result) });
        }
        const failure = this.takeFailure(roomId);
        if (failure !== undefined) return this.finish(task, 'failed', failure);
        if (!params.purge) return this.finish(task, 'complete');
        const stillJoined = hs.joinedMembers(room).some((id) => hs.isMine(id));
        if (stillJoined && !params.forcePurge) return this.finish(task, 'failed', 'Users are still joined to this room');
        hs.rooms.delete(roomId);
        this.finish(task, 'complete');
      },
    });
    const next = (index: number) => {
      const step = steps[index];
      if (!step) return;
      hs.clock.schedule(step.delay, () => {
        step.act();
        if (stillRunning()) next(index + 1);
      });
    };
    next(0);
  }
}
