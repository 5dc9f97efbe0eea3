import type { SynapseAdminClient } from '../synapse/client.js';
import { createDeleteTaskLoaders, type DeleteTaskLoaders } from './delete-tasks.js';
import { createEventReportLoaders, type EventReportLoaders } from './event-reports.js';
import { createFederationLoaders, type FederationLoaders } from './federation.js';
import type { LoaderOptions } from './loader.js';
import { createRoomLoaders, type RoomLoaders } from './rooms.js';
import { createServerLoaders, type ServerLoaders } from './server.js';
import { createUserLoaders, type UserLoaders } from './users.js';

/**
 * One operation's loaders, by domain, each domain's made on first use: a subscription, or a query of three fields,
 * needs few of them. They live and die with one context, which belongs to one caller and one token.
 */
export class Loaders {
  private made: {
    rooms?: RoomLoaders;
    users?: UserLoaders;
    deleteTasks?: DeleteTaskLoaders;
    federation?: FederationLoaders;
    eventReports?: EventReportLoaders;
    server?: ServerLoaders;
  } = {};

  constructor(
    private readonly synapse: SynapseAdminClient,
    private readonly options: LoaderOptions & { onCaller?: (userId: string) => void },
  ) {}

  /** False in the benchmark's naive mode: every load is a call of its own, so nothing is worth loading ahead. */
  get cached(): boolean {
    return this.options.cache;
  }

  get rooms(): RoomLoaders {
    return (this.made.rooms ??= createRoomLoaders(this.synapse, this.options));
  }

  get users(): UserLoaders {
    return (this.made.users ??= createUserLoaders(this.synapse, this.options));
  }

  get deleteTasks(): DeleteTaskLoaders {
    return (this.made.deleteTasks ??= createDeleteTaskLoaders(this.synapse, this.options));
  }

  get federation(): FederationLoaders {
    return (this.made.federation ??= createFederationLoaders(this.synapse, this.options));
  }

  get eventReports(): EventReportLoaders {
    return (this.made.eventReports ??= createEventReportLoaders(this.synapse, this.options));
  }

  get server(): ServerLoaders {
    return (this.made.server ??= createServerLoaders(this.synapse, this.options, this.options.onCaller));
  }
}
