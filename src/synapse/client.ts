import { AdminApi } from './admin-api.js';
import { CallScope } from './call-scope.js';
import { DeleteTasksApi } from './delete-tasks.js';
import { EventReportsApi } from './event-reports.js';
import { FederationApi } from './federation.js';
import { MediaApi } from './media.js';
import { RoomsApi } from './rooms.js';
import { ScheduledTasksApi } from './scheduled-tasks.js';
import { ServerApi } from './server.js';
import { UsersApi } from './users.js';

/**
 * The admin API as the holder of one access token sees it, by area. Knows nothing of GraphQL. Each area is made on
 * first use (a subscription's client uses one).
 */
export class SynapseAdminClient extends AdminApi {
  private areas: {
    rooms?: RoomsApi;
    users?: UsersApi;
    deleteTasks?: DeleteTasksApi;
    scheduledTasks?: ScheduledTasksApi;
    federation?: FederationApi;
    eventReports?: EventReportsApi;
    media?: MediaApi;
    server?: ServerApi;
  } = {};

  get rooms(): RoomsApi {
    return (this.areas.rooms ??= new RoomsApi(this));
  }

  get users(): UsersApi {
    return (this.areas.users ??= new UsersApi(this));
  }

  get deleteTasks(): DeleteTasksApi {
    return (this.areas.deleteTasks ??= new DeleteTasksApi(this, this.scheduledTasks));
  }

  get scheduledTasks(): ScheduledTasksApi {
    return (this.areas.scheduledTasks ??= new ScheduledTasksApi(this));
  }

  get federation(): FederationApi {
    return (this.areas.federation ??= new FederationApi(this));
  }

  get eventReports(): EventReportsApi {
    return (this.areas.eventReports ??= new EventReportsApi(this));
  }

  get media(): MediaApi {
    return (this.areas.media ??= new MediaApi(this));
  }

  get server(): ServerApi {
    return (this.areas.server ??= new ServerApi(this));
  }

  /**
   * The same token for work that outlives the operation (polling a delete for a subscriber): no budget and no
   * deadline, but calls of its own that `cancelCalls` stops when that work ends.
   */
  detached(): SynapseAdminClient {
    const client = new SynapseAdminClient(this.transport, this.token, new CallScope({ caller: this.scope?.caller ?? this.identity }));
    // What the admin check found holds for the work it does too.
    client.adminRefusal = this.adminRefusal;
    return client;
  }
}
