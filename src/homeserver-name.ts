import { serverOf } from './synapse/ids.js';

/**
 * The name of the homeserver behind the gateway, learnt from the first whoami answer (a caller's own ID is local)
 * and fixed for the life of the process: with it, a remote user ID is refused before any call.
 */
export class HomeserverName {
  private name?: string;

  learn(localUserId: string): void {
    this.name ??= serverOf(localUserId);
  }

  /** True only when the name is known and `userId` is of another server. */
  isRemote(userId: string): boolean {
    return this.name !== undefined && serverOf(userId) !== this.name;
  }

  get known(): string | undefined {
    return this.name;
  }
}
