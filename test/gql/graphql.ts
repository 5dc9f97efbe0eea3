/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant as an ISO-8601 string in UTC, e.g. "2026-11-22T19:22:24.000Z". */
  DateTime: { input: string; output: string; }
  /** Arbitrary JSON, passed through as Synapse gave it (event content). */
  JSON: { input: unknown; output: unknown; }
};

export type AccountData = {
  __typename?: 'AccountData';
  /** Event type → content. */
  global: Scalars['JSON']['output'];
  /** Room ID → event type → content. */
  rooms: Scalars['JSON']['output'];
};

/** One destructive action, single or part of a job. Appended before the upstream call, completed once with its outcome. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** The mutation, or deleteRoom / deactivateUser for a job item. */
  action: Scalars['String']['output'];
  /** The admin whose token made the call. */
  actor: Scalars['String']['output'];
  /** Never a password or a token. */
  arguments: Scalars['JSON']['output'];
  at: Scalars['DateTime']['output'];
  errorCode?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  jobId?: Maybe<Scalars['ID']['output']>;
  message?: Maybe<Scalars['String']['output']>;
  outcome: AuditOutcome;
  /** For room deletes: what the rooms API's "Undoing room deletions" guide needs (name, topic, aliases, join rules, members, power levels, blocked). */
  recovery?: Maybe<Scalars['JSON']['output']>;
  requestId?: Maybe<Scalars['String']['output']>;
  target?: Maybe<Scalars['String']['output']>;
};

export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

export type AuditOutcome =
  | 'FAILED'
  | 'OK'
  /** Written before the upstream call; the outcome is not known (yet, or the gateway stopped). */
  | 'PENDING';

export type BlockStatus = {
  __typename?: 'BlockStatus';
  blocked: Scalars['Boolean']['output'];
  /** The admin who blocked it first. */
  blockedBy?: Maybe<Scalars['String']['output']>;
};

/** The privacy-policy version the user consented to. */
export type Consent = {
  __typename?: 'Consent';
  acceptedAt?: Maybe<Scalars['DateTime']['output']>;
  version: Scalars['String']['output'];
};

/** Which accounts to list by their deactivation (the same on every Synapse, whatever its list version). */
export type DeactivatedFilter =
  /** Active accounts only. */
  | 'EXCLUDE'
  /** Active and deactivated accounts. */
  | 'INCLUDE'
  /** Deactivated accounts only. */
  | 'ONLY';

export type DecommissionOptions = {
  /** Also block each purged room. */
  block?: InputMaybe<Scalars['Boolean']['input']>;
  /** Deactivations in flight, 1–16. */
  concurrency?: InputMaybe<Scalars['Int']['input']>;
  /** Room deletes in flight in phase 2, 1–5. */
  deleteConcurrency?: InputMaybe<Scalars['Int']['input']>;
  /** Erase each deactivated user (GDPR). */
  erase?: InputMaybe<Scalars['Boolean']['input']>;
  /** Rooms phase 2 keeps even if no local user is in them. */
  exclude?: InputMaybe<Array<Scalars['ID']['input']>>;
  forcePurge?: InputMaybe<Scalars['Boolean']['input']>;
  /** Users to leave active besides admins, the caller and appservice users. */
  keep?: InputMaybe<Array<Scalars['ID']['input']>>;
  purge?: InputMaybe<Scalars['Boolean']['input']>;
};

export type DeleteRoomOptions = {
  /** Also block the room against future joins. */
  block?: InputMaybe<Scalars['Boolean']['input']>;
  /** Purge even if local users could not be kicked (needs purge). */
  forcePurge?: InputMaybe<Scalars['Boolean']['input']>;
  /** First message in that new room. */
  message?: InputMaybe<Scalars['String']['input']>;
  /** A local user who creates a room the former members are moved to. */
  newRoomUserId?: InputMaybe<Scalars['ID']['input']>;
  /** Remove the room and its history from the database. */
  purge?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name of that new room. */
  roomName?: InputMaybe<Scalars['String']['input']>;
};

/** Where a room delete stands. SHUTTING_DOWN and PURGING come from Synapse older than 1.93. */
export type DeleteStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  | 'COMPLETE'
  | 'FAILED'
  | 'PURGING'
  /** Waiting for one of Synapse’s 5 task slots. */
  | 'SCHEDULED'
  | 'SHUTTING_DOWN'
  /** A status this gateway does not know yet; see rawStatus. */
  | 'UNKNOWN';

/** An asynchronous room delete (Synapse's v2 delete API). */
export type DeleteTask = {
  __typename?: 'DeleteTask';
  deleteId: Scalars['ID']['output'];
  /** Why the task failed. Synapse only tells through its scheduled-tasks API. */
  error?: Maybe<Scalars['String']['output']>;
  isTerminal: Scalars['Boolean']['output'];
  /** The status string exactly as Synapse reported it. */
  rawStatus: Scalars['String']['output'];
  /** Null only on Synapse older than 1.131. */
  roomId?: Maybe<Scalars['String']['output']>;
  /** Null until Synapse records the first step of the shutdown. */
  shutdownRoom?: Maybe<ShutdownRoom>;
  status: DeleteStatus;
};

/** A server this homeserver has talked to over federation, and how that is going. */
export type Destination = {
  __typename?: 'Destination';
  /** When the current run of failures began; null while it is healthy. */
  failureAt?: Maybe<Scalars['DateTime']['output']>;
  /** Whether Synapse is backing off from it (failureAt is set). */
  isFailing: Scalars['Boolean']['output'];
  /** The stream position of the last event it received from us; null if it never received one. */
  lastSuccessfulStreamOrdering?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  /** Milliseconds until the next retry of a failing destination (it grows with each failure); 0 while it is healthy. */
  retryInterval: Scalars['Float']['output'];
  /** When a failing destination was last retried; null while it is healthy. */
  retryLastAt?: Maybe<Scalars['DateTime']['output']>;
  /** Rooms we share with it. `first` defaults to 100, at most 1000. */
  rooms?: Maybe<RoomConnection>;
};


/** A server this homeserver has talked to over federation, and how that is going. */
export type DestinationRoomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type DestinationConnection = {
  __typename?: 'DestinationConnection';
  edges: Array<DestinationEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DestinationEdge = {
  __typename?: 'DestinationEdge';
  cursor: Scalars['String']['output'];
  node: Destination;
};

/** Synapse's list-destinations `order_by` values. */
export type DestinationOrderField =
  | 'DESTINATION'
  | 'FAILURE_TS'
  | 'LAST_SUCCESSFUL_STREAM_ORDERING'
  | 'RETRY_INTERVAL'
  | 'RETRY_LAST_TS';

export type Device = {
  __typename?: 'Device';
  deviceId: Scalars['ID']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  lastSeenIp?: Maybe<Scalars['String']['output']>;
  lastSeenUserAgent?: Maybe<Scalars['String']['output']>;
};

/** An event with the events around it and the room state at that point, for investigating reports. */
export type EventContext = {
  __typename?: 'EventContext';
  event: RoomEvent;
  /** Oldest first. */
  eventsAfter: Array<RoomEvent>;
  /** Newest first. */
  eventsBefore: Array<RoomEvent>;
  state: Array<RoomEvent>;
};

/** A user reported an event to the server admins. */
export type EventReport = {
  __typename?: 'EventReport';
  canonicalAlias?: Maybe<Scalars['String']['output']>;
  /** The reported event as Synapse stores it (federation format); null once it has been purged. */
  event?: Maybe<Scalars['JSON']['output']>;
  eventId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  receivedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The local user who reported it. */
  reporter: User;
  reporterUserId: Scalars['String']['output'];
  /** The room the event is in (its fields cost what a room costs). */
  room: Room;
  roomId: Scalars['String']['output'];
  roomName?: Maybe<Scalars['String']['output']>;
  /** The reporter's rating, from -100 (most offensive) to 0; null when not given, or not a 32-bit integer. */
  score?: Maybe<Scalars['Int']['output']>;
  /** The reported event's sender; null once the event is gone. */
  senderUserId?: Maybe<Scalars['String']['output']>;
};

export type EventReportConnection = {
  __typename?: 'EventReportConnection';
  edges: Array<EventReportEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type EventReportEdge = {
  __typename?: 'EventReportEdge';
  cursor: Scalars['String']['output'];
  node: EventReport;
};

/** An identity at a single-sign-on provider linked to the account. */
export type ExternalId = {
  __typename?: 'ExternalId';
  authProvider: Scalars['String']['output'];
  externalId: Scalars['String']['output'];
};

/** The latest events of the room DAG this server knows; many of them slow the room down. */
export type ForwardExtremities = {
  __typename?: 'ForwardExtremities';
  count: Scalars['Int']['output'];
  results: Array<ForwardExtremity>;
};

export type ForwardExtremity = {
  __typename?: 'ForwardExtremity';
  depth: Scalars['Int']['output'];
  eventId: Scalars['ID']['output'];
  receivedAt?: Maybe<Scalars['DateTime']['output']>;
  stateGroup?: Maybe<Scalars['Int']['output']>;
};

/** A durable bulk job: planned (targets frozen), then run item by item, surviving restarts. */
export type Job = {
  __typename?: 'Job';
  /** Admins a decommission leaves for the operator to handle by hand. */
  adminsToHandle: Array<User>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** Never started: nothing was changed. */
  dryRun: Scalars['Boolean']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** In plan order. `first` defaults to 100, at most 1000. */
  items: JobItemConnection;
  kind: JobKind;
  options: Scalars['JSON']['output'];
  phase?: Maybe<JobPhase>;
  progress: JobProgress;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: JobStatus;
};


/** A durable bulk job: planned (targets frozen), then run item by item, surviving restarts. */
export type JobItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<JobItemStatus>;
};

export type JobConnection = {
  __typename?: 'JobConnection';
  edges: Array<JobEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type JobEdge = {
  __typename?: 'JobEdge';
  cursor: Scalars['String']['output'];
  node: Job;
};

/** One target of a job: a room to delete or a user to deactivate. */
export type JobItem = {
  __typename?: 'JobItem';
  action: JobItemAction;
  attempts: Scalars['Int']['output'];
  /** The room delete's ID (its last attempt's). */
  deleteId?: Maybe<Scalars['ID']['output']>;
  /** Why the last attempt failed, in Synapse's words where it gave them. */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  phase: JobPhase;
  /** What the plan saw, for the admin's review (a room's name, alias, members, creator and where they were read). */
  review?: Maybe<Scalars['JSON']['output']>;
  skippedReason?: Maybe<Scalars['String']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: JobItemStatus;
  /** The room ID or user ID. */
  target: Scalars['ID']['output'];
};

export type JobItemAction =
  | 'DEACTIVATE_USER'
  | 'DELETE_ROOM';

export type JobItemConnection = {
  __typename?: 'JobItemConnection';
  edges: Array<JobItemEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type JobItemEdge = {
  __typename?: 'JobItemEdge';
  cursor: Scalars['String']['output'];
  node: JobItem;
};

export type JobItemStatus =
  | 'CANCELLED'
  | 'DONE'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SKIPPED';

export type JobKind =
  | 'DECOMMISSION'
  | 'PURGE_EMPTY_ROOMS';

export type JobPhase =
  | 'DEACTIVATE_USERS'
  | 'PURGE_ROOMS'
  /** Synapse's background parting empties the deactivated users' rooms. */
  | 'WAIT_FOR_PARTING';

export type JobProgress = {
  __typename?: 'JobProgress';
  cancelled: Scalars['Int']['output'];
  done: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  pending: Scalars['Int']['output'];
  running: Scalars['Int']['output'];
  skipped: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type JobStatus =
  | 'CANCELLED'
  /** Every item is done or skipped. */
  | 'COMPLETED'
  /** Some items failed (see their errors), or the job could not go on (see error). */
  | 'FAILED'
  /** No new item starts; items under way finish. */
  | 'PAUSED'
  /** Targets frozen, nothing changed: the dry run, for review. */
  | 'PLANNED'
  | 'RUNNING'
  /** No gateway holds a working token for the job any more (restarted, or the token stopped working): an admin must call resumeJob. Tokens stay in memory; among replicas, each one that took startJob, resumeJob or a `job` subscription for a job works on it. */
  | 'WAITING_FOR_CREDENTIALS';

/** A file the user uploaded. */
export type Media = {
  __typename?: 'Media';
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  lastAccessedAt?: Maybe<Scalars['DateTime']['output']>;
  mediaId: Scalars['ID']['output'];
  /** Bytes; null until the upload finished. */
  mediaLength?: Maybe<Scalars['Int']['output']>;
  mediaType?: Maybe<Scalars['String']['output']>;
  quarantinedBy?: Maybe<Scalars['String']['output']>;
  safeFromQuarantine: Scalars['Boolean']['output'];
  uploadName?: Maybe<Scalars['String']['output']>;
};

export type MediaConnection = {
  __typename?: 'MediaConnection';
  edges: Array<MediaEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MediaEdge = {
  __typename?: 'MediaEdge';
  cursor: Scalars['String']['output'];
  node: Media;
};

/** A joined member of a room. */
export type Member = {
  __typename?: 'Member';
  avatarUrl?: Maybe<Scalars['String']['output']>;
  displayName?: Maybe<Scalars['String']['output']>;
  /** Whether the user belongs to this homeserver (compared with the caller's own server). */
  isLocal: Scalars['Boolean']['output'];
  server: Scalars['String']['output'];
  /** The local account behind this member; null for remote users. */
  user?: Maybe<User>;
  userId: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Blocks future joins and invites (current members stay). Idempotent; works for rooms this server does not know yet. */
  blockRoom: BlockStatus;
  /** Cancels every item not started; items under way finish (a room delete Synapse has begun cannot be stopped). */
  cancelJob: Job;
  clearRateLimit: User;
  /** Deactivates the account (devices, tokens, threepids and pushers go at once; rooms are left in the background). Already deactivated: succeeds, and `erase` still erases. */
  deactivateUser: User;
  /** Deletes a device and its access tokens (the user is logged out there). An unknown device is NOT_FOUND. */
  deleteDevice: User;
  /** Deletes a report (the event stays); returns its ID. An unknown report is NOT_FOUND. */
  deleteEventReport: Scalars['ID']['output'];
  /** Deletes forward extremities (all but the latest); returns how many went. */
  deleteForwardExtremities: Scalars['Int']['output'];
  /** Starts Synapse's asynchronous delete and returns the task as Synapse reports it. If the room already has a delete that is not finished, returns that task instead of starting a second one (whatever its options). */
  deleteRoom: DeleteTask;
  /** Joins a local user to a room this server is in (inviting them first unless it is public), as the undo guide in the rooms API docs does. */
  joinUserToRoom: User;
  /** Locks the account: its tokens stop working until it is unlocked. */
  lockUser: User;
  /** Gives a user (default: the caller) the power level of the room's most powerful local member, inviting them if needed. */
  makeRoomAdmin: Scalars['Boolean']['output'];
  /** Starts no new item; items under way finish. */
  pauseJob: Job;
  /** Plans a decommission: phase 1 deactivates every active local user (guests and locked users included) but admins, the caller, appservice users and `keep`; phase 2, once Synapse has parted them from their rooms, purges the rooms no local user is in. Status PLANNED, nothing changed; adminsToHandle lists the admins left. */
  planDecommission: Job;
  /** Plans the purge of every room no local user is in (every page of the room list) and freezes them as the job’s items: the dry run, status PLANNED, nothing deleted. startJob runs it. */
  planPurgeEmptyRooms: Job;
  /** Clears the backoff of a failing destination so that Synapse retries it now. A healthy one is BAD_USER_INPUT (Synapse: "does not need to be reset"), an unknown one NOT_FOUND. */
  resetDestinationConnection: Destination;
  /** Sets a new password (never logged, never echoed); by default logs every device out. */
  resetPassword: User;
  /** Runs a paused job, or one waiting for credentials, with the caller’s token; items a stopped gateway left in flight are checked with Synapse first. */
  resumeJob: Job;
  /** Overrides the message rate limit for a user; 0 messages per second lifts it. */
  setRateLimit: User;
  /** Shadow-bans a user (their messages seem to go out but reach nobody), or lifts it. */
  setShadowBanned: User;
  /** Makes a user a server admin, or not. Never creates a user (unknown: NOT_FOUND); demoting yourself is refused by Synapse (BAD_USER_INPUT). */
  setUserAdmin: User;
  /** Runs a planned job with the caller’s token (held in memory only). */
  startJob: Job;
  /** Suspends the account: it can read but not send, join or change its profile. */
  suspendUser: User;
  /** Lifts a block. Idempotent. */
  unblockRoom: BlockStatus;
  unlockUser: User;
  unsuspendUser: User;
};


export type MutationBlockRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationClearRateLimitArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationDeactivateUserArgs = {
  erase?: InputMaybe<Scalars['Boolean']['input']>;
  userId: Scalars['ID']['input'];
};


export type MutationDeleteDeviceArgs = {
  deviceId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationDeleteEventReportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteForwardExtremitiesArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationDeleteRoomArgs = {
  options?: InputMaybe<DeleteRoomOptions>;
  roomId: Scalars['ID']['input'];
};


export type MutationJoinUserToRoomArgs = {
  roomIdOrAlias: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationLockUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationMakeRoomAdminArgs = {
  roomId: Scalars['ID']['input'];
  userId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationPauseJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPlanDecommissionArgs = {
  options?: InputMaybe<DecommissionOptions>;
};


export type MutationPlanPurgeEmptyRoomsArgs = {
  options?: InputMaybe<PurgeEmptyRoomsOptions>;
};


export type MutationResetDestinationConnectionArgs = {
  name: Scalars['String']['input'];
};


export type MutationResetPasswordArgs = {
  logoutDevices?: InputMaybe<Scalars['Boolean']['input']>;
  newPassword: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationResumeJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetRateLimitArgs = {
  burstCount: Scalars['Int']['input'];
  messagesPerSecond: Scalars['Int']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationSetShadowBannedArgs = {
  banned: Scalars['Boolean']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationSetUserAdminArgs = {
  admin: Scalars['Boolean']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationStartJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSuspendUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnblockRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationUnlockUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnsuspendUserArgs = {
  userId: Scalars['ID']['input'];
};

export type OrderDirection =
  | 'BACKWARD'
  | 'FORWARD';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PurgeEmptyRoomsOptions = {
  /** Also block each room against future joins. */
  block?: InputMaybe<Scalars['Boolean']['input']>;
  /** Deletes in flight, 1–5 (Synapse runs 5 tasks at once). */
  concurrency?: InputMaybe<Scalars['Int']['input']>;
  /** Rooms to keep even if no local user is in them. */
  exclude?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Purge even if local users could not be kicked (needs purge). */
  forcePurge?: InputMaybe<Scalars['Boolean']['input']>;
  /** Remove each room and its history from the database. */
  purge?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Pusher = {
  __typename?: 'Pusher';
  appDisplayName?: Maybe<Scalars['String']['output']>;
  appId: Scalars['String']['output'];
  data?: Maybe<Scalars['JSON']['output']>;
  deviceDisplayName?: Maybe<Scalars['String']['output']>;
  deviceId?: Maybe<Scalars['String']['output']>;
  enabled: Scalars['Boolean']['output'];
  kind: Scalars['String']['output'];
  lang?: Maybe<Scalars['String']['output']>;
  profileTag?: Maybe<Scalars['String']['output']>;
  pushkey: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The audit log, newest first; filters combine. `first` defaults to 100, at most 1000. */
  auditLog: AuditEntryConnection;
  /** A delete task by its ID; null when Synapse does not know it (unknown, or expired after 7 days). */
  deleteTask?: Maybe<DeleteTask>;
  /** One destination, or null when this server has no record of it. */
  destination?: Maybe<Destination>;
  /** Servers this one has talked to (the admin FAQ's "which servers is my server talking to?"). `first` defaults to 100, at most 1000. */
  destinations: DestinationConnection;
  /** One report with its event, or null when there is no such report (or its event was purged). */
  eventReport?: Maybe<EventReport>;
  /** Reported events, newest first by default. Reports in purged rooms are not listed. `first` defaults to 100, at most 1000. */
  eventReports: EventReportConnection;
  /** A job by its ID; null when there is none. */
  job?: Maybe<Job>;
  /** Jobs, newest first. `first` defaults to 20, at most 100. */
  jobs: JobConnection;
  /** One room, or null when Synapse does not know it. */
  room?: Maybe<Room>;
  /** Rooms, paged over Synapse's offset paging. `first` defaults to 100, at most 1000. */
  rooms: RoomConnection;
  /** Synapse's background tasks, oldest first (one call, unpaged: Synapse keeps 7 days). Filters combine; a list filter matches any of its values. */
  scheduledTasks: Array<ScheduledTask>;
  /** Synapse's version string. */
  serverVersion: Scalars['String']['output'];
  /** One local user, or null when there is no such user here. A remote user ID is BAD_USER_INPUT. */
  user?: Maybe<User>;
  /** Local users, paged over Synapse's offset paging. `first` defaults to 100, at most 1000. */
  users: UserConnection;
  viewer: Viewer;
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  actor?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  jobId?: InputMaybe<Scalars['ID']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  target?: InputMaybe<Scalars['String']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryDeleteTaskArgs = {
  deleteId: Scalars['ID']['input'];
};


export type QueryDestinationArgs = {
  name: Scalars['String']['input'];
};


export type QueryDestinationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<OrderDirection>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<DestinationOrderField>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryEventReportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEventReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<OrderDirection>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  roomId?: InputMaybe<Scalars['String']['input']>;
  senderUserId?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<JobKind>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<JobStatus>;
};


export type QueryRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type QueryRoomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<OrderDirection>;
  empty?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<RoomOrderField>;
  public?: InputMaybe<Scalars['Boolean']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryScheduledTasksArgs = {
  actionName?: InputMaybe<Array<Scalars['String']['input']>>;
  resourceId?: InputMaybe<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<Array<ScheduledTaskStatus>>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryUserArgs = {
  userId: Scalars['ID']['input'];
};


export type QueryUsersArgs = {
  admins?: InputMaybe<Scalars['Boolean']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  deactivated?: InputMaybe<DeactivatedFilter>;
  direction?: InputMaybe<OrderDirection>;
  excludeUserTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  guests?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  locked?: InputMaybe<Scalars['Boolean']['input']>;
  orderBy?: InputMaybe<UserOrderField>;
  search?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** A user's override of the message rate limit; 0 messages per second means no limit at all. */
export type RateLimit = {
  __typename?: 'RateLimit';
  burstCount: Scalars['Int']['output'];
  messagesPerSecond: Scalars['Int']['output'];
};

/** A room known to the homeserver. */
export type Room = {
  __typename?: 'Room';
  /** mxc:// URI of the room avatar. */
  avatar?: Maybe<Scalars['String']['output']>;
  block: BlockStatus;
  canonicalAlias?: Maybe<Scalars['String']['output']>;
  creator?: Maybe<Scalars['String']['output']>;
  /** Delete tasks for this room, oldest first, including ones still scheduled. */
  deleteTasks: Array<DeleteTask>;
  /** The encryption algorithm, null when unencrypted. */
  encryption?: Maybe<Scalars['String']['output']>;
  /** An event with its surroundings (`limit` events in all, split before and after); null for an unknown event. */
  eventContext?: Maybe<EventContext>;
  federatable: Scalars['Boolean']['output'];
  /** True when no local user has an unforgotten membership. */
  forgotten?: Maybe<Scalars['Boolean']['output']>;
  forwardExtremities: ForwardExtremities;
  guestAccess?: Maybe<Scalars['String']['output']>;
  historyVisibility?: Maybe<Scalars['String']['output']>;
  isSpace: Scalars['Boolean']['output'];
  joinRules?: Maybe<Scalars['String']['output']>;
  joinedLocalDevices?: Maybe<Scalars['Int']['output']>;
  joinedLocalMembers?: Maybe<Scalars['Int']['output']>;
  joinedMembers?: Maybe<Scalars['Int']['output']>;
  /** Joined members, local and remote. */
  members: Array<Member>;
  /** A page of the room's timeline through the admin messages endpoint: every event, whatever the history visibility. Page on with `from: end` until `end` is null. */
  messages: RoomMessages;
  name?: Maybe<Scalars['String']['output']>;
  /** Published in the room directory. */
  public: Scalars['Boolean']['output'];
  replacementRoom?: Maybe<Scalars['String']['output']>;
  roomId: Scalars['ID']['output'];
  roomType?: Maybe<Scalars['String']['output']>;
  /** Servers with at least one joined member, sorted. */
  servers: Array<Scalars['String']['output']>;
  state: Array<StateEvent>;
  stateEvents?: Maybe<Scalars['Int']['output']>;
  /** Null on Synapse older than 1.153. */
  tombstoned?: Maybe<Scalars['Boolean']['output']>;
  topic?: Maybe<Scalars['String']['output']>;
  version?: Maybe<Scalars['String']['output']>;
};


/** A room known to the homeserver. */
export type RoomEventContextArgs = {
  eventId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
};


/** A room known to the homeserver. */
export type RoomMessagesArgs = {
  direction?: InputMaybe<OrderDirection>;
  from?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
};


/** A room known to the homeserver. */
export type RoomStateArgs = {
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type RoomConnection = {
  __typename?: 'RoomConnection';
  edges: Array<RoomEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RoomEdge = {
  __typename?: 'RoomEdge';
  cursor: Scalars['String']['output'];
  node: Room;
};

/** An event of a room’s timeline. */
export type RoomEvent = {
  __typename?: 'RoomEvent';
  content: Scalars['JSON']['output'];
  eventId: Scalars['ID']['output'];
  /** The whole event as Synapse sent it (unsigned, redacts, …). */
  json: Scalars['JSON']['output'];
  originServerTs?: Maybe<Scalars['DateTime']['output']>;
  sender: Scalars['String']['output'];
  /** Null for events that are not state. */
  stateKey?: Maybe<Scalars['String']['output']>;
  type: Scalars['String']['output'];
};

/** A room in which the user has a membership, and which (join, invite, leave, ban, knock). */
export type RoomMembership = {
  __typename?: 'RoomMembership';
  membership: Scalars['String']['output'];
  room: Room;
};

/** A page of a room's timeline, as Synapse's admin messages endpoint gives it. */
export type RoomMessages = {
  __typename?: 'RoomMessages';
  /** Pass as `from` for the next page; null when there is nothing more. */
  end?: Maybe<Scalars['String']['output']>;
  events: Array<RoomEvent>;
  /** Where this page starts. */
  start?: Maybe<Scalars['String']['output']>;
};

/** Synapse's list-rooms `order_by` values. */
export type RoomOrderField =
  | 'CANONICAL_ALIAS'
  | 'CREATOR'
  | 'ENCRYPTION'
  | 'FEDERATABLE'
  | 'GUEST_ACCESS'
  | 'HISTORY_VISIBILITY'
  | 'JOINED_LOCAL_MEMBERS'
  | 'JOINED_MEMBERS'
  | 'JOIN_RULES'
  | 'NAME'
  | 'PUBLIC'
  | 'STATE_EVENTS'
  | 'VERSION';

/** One of Synapse's background tasks. Synapse forgets finished ones after 7 days. */
export type ScheduledTask = {
  __typename?: 'ScheduledTask';
  /** What the task does: shutdown_and_purge_room, purge_room, purge_history, update_join_states, … */
  action: Scalars['String']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** For room deletes, the delete ID. */
  id: Scalars['ID']['output'];
  /** The status string exactly as Synapse reported it. */
  rawStatus: Scalars['String']['output'];
  /** What the task works on: a room ID, a user ID, a device ID. */
  resourceId?: Maybe<Scalars['String']['output']>;
  result?: Maybe<Scalars['JSON']['output']>;
  status: ScheduledTaskStatus;
  /** When it was launched while scheduled, else when its status last changed. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type ScheduledTaskStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  | 'COMPLETE'
  | 'FAILED'
  /** Waiting for one of the 5 task slots Synapse shares between all tasks. */
  | 'SCHEDULED'
  /** A status this gateway does not know yet; see rawStatus. Not a filter. */
  | 'UNKNOWN';

export type ShutdownRoom = {
  __typename?: 'ShutdownRoom';
  failedToKickUsers: Array<Scalars['String']['output']>;
  kickedUsers: Array<Scalars['String']['output']>;
  localAliases: Array<Scalars['String']['output']>;
  newRoomId?: Maybe<Scalars['String']['output']>;
};

/** A current state event of a room. */
export type StateEvent = {
  __typename?: 'StateEvent';
  content: Scalars['JSON']['output'];
  eventId: Scalars['ID']['output'];
  originServerTs?: Maybe<Scalars['DateTime']['output']>;
  sender: Scalars['String']['output'];
  stateKey?: Maybe<Scalars['String']['output']>;
  type: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** The current state of a delete task, then one event per change of status or shutdown result; completes after a terminal status. An unknown ID gives one NOT_FOUND error, then completes. */
  deleteTask: DeleteTask;
  /** The same for many tasks in one stream; completes when every one is terminal. */
  deleteTasks: DeleteTask;
  /** The job now, then after every change (progress coalesced to a few events a second); completes when the job ends. */
  job: Job;
};


export type SubscriptionDeleteTaskArgs = {
  deleteId: Scalars['ID']['input'];
};


export type SubscriptionDeleteTasksArgs = {
  deleteIds: Array<Scalars['ID']['input']>;
};


export type SubscriptionJobArgs = {
  id: Scalars['ID']['input'];
};

/** An email address or phone number bound to the account. */
export type Threepid = {
  __typename?: 'Threepid';
  addedAt?: Maybe<Scalars['DateTime']['output']>;
  address: Scalars['String']['output'];
  medium: Scalars['String']['output'];
  validatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A local user account. */
export type User = {
  __typename?: 'User';
  accountData: AccountData;
  admin: Scalars['Boolean']['output'];
  appserviceId?: Maybe<Scalars['String']['output']>;
  avatarUrl?: Maybe<Scalars['String']['output']>;
  consent?: Maybe<Consent>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  deactivated: Scalars['Boolean']['output'];
  devices: Array<Device>;
  displayName?: Maybe<Scalars['String']['output']>;
  erased: Scalars['Boolean']['output'];
  externalIds: Array<ExternalId>;
  isGuest: Scalars['Boolean']['output'];
  joinedRooms: Array<Room>;
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  locked: Scalars['Boolean']['output'];
  /** Files the user uploaded, newest first. `first` defaults to 100, at most 1000. */
  media?: Maybe<MediaConnection>;
  memberships: Array<RoomMembership>;
  pushers: Array<Pusher>;
  /** The rate-limit override, or null when the server defaults apply. */
  rateLimit?: Maybe<RateLimit>;
  sessions: Array<UserSession>;
  shadowBanned: Scalars['Boolean']['output'];
  suspended: Scalars['Boolean']['output'];
  threepids: Array<Threepid>;
  userId: Scalars['ID']['output'];
  userType?: Maybe<Scalars['String']['output']>;
};


/** A local user account. */
export type UserMediaArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

/** Synapse's list-users `order_by` values. */
export type UserOrderField =
  | 'ADMIN'
  | 'AVATAR_URL'
  | 'CREATION_TS'
  | 'DEACTIVATED'
  | 'DISPLAYNAME'
  | 'IS_GUEST'
  | 'LAST_SEEN_TS'
  | 'LOCKED'
  | 'NAME'
  | 'SHADOW_BANNED'
  | 'USER_TYPE';

/** A connection Synapse remembers (whois): one per access token and IP, kept for 28 days by default. */
export type UserSession = {
  __typename?: 'UserSession';
  ip?: Maybe<Scalars['String']['output']>;
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** The owner of the access token sent with this request. */
export type Viewer = {
  __typename?: 'Viewer';
  isAdmin: Scalars['Boolean']['output'];
  userId: Scalars['ID']['output'];
};

export type ScriptDeleteRoomMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
  options?: InputMaybe<DeleteRoomOptions>;
}>;


export type ScriptDeleteRoomMutation = { __typename?: 'Mutation', deleteRoom: { __typename?: 'DeleteTask', deleteId: string, status: DeleteStatus } };

export type ExportProfileQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type ExportProfileQuery = { __typename?: 'Query', user?: { __typename?: 'User', userId: string, displayName?: string | null, avatarUrl?: string | null, admin: boolean, deactivated: boolean, erased: boolean, locked: boolean, suspended: boolean, shadowBanned: boolean, isGuest: boolean, userType?: string | null, appserviceId?: string | null, createdAt?: string | null, lastSeenAt?: string | null, consent?: { __typename?: 'Consent', version: string, acceptedAt?: string | null } | null, threepids: Array<{ __typename?: 'Threepid', medium: string, address: string, validatedAt?: string | null, addedAt?: string | null }>, externalIds: Array<{ __typename?: 'ExternalId', authProvider: string, externalId: string }>, devices: Array<{ __typename?: 'Device', deviceId: string, displayName?: string | null, lastSeenIp?: string | null, lastSeenUserAgent?: string | null, lastSeenAt?: string | null }>, sessions: Array<{ __typename?: 'UserSession', ip?: string | null, userAgent?: string | null, lastSeenAt?: string | null }>, pushers: Array<{ __typename?: 'Pusher', kind: string, appId: string, appDisplayName?: string | null, deviceDisplayName?: string | null, pushkey: string, lang?: string | null, profileTag?: string | null, data?: unknown | null, enabled: boolean, deviceId?: string | null }>, accountData: { __typename?: 'AccountData', global: unknown, rooms: unknown }, rateLimit?: { __typename?: 'RateLimit', messagesPerSecond: number, burstCount: number } | null, memberships: Array<{ __typename?: 'RoomMembership', membership: string, room: { __typename?: 'Room', roomId: string } }> } | null };

export type ExportMediaQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ExportMediaQuery = { __typename?: 'Query', user?: { __typename?: 'User', media?: { __typename?: 'MediaConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MediaEdge', node: { __typename?: 'Media', mediaId: string, mediaType?: string | null, mediaLength?: number | null, uploadName?: string | null, createdAt?: string | null, lastAccessedAt?: string | null, quarantinedBy?: string | null, safeFromQuarantine: boolean } }> } | null } | null };

export type ExportRoomEventsQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['String']['input']>;
}>;


export type ExportRoomEventsQuery = { __typename?: 'Query', room?: { __typename?: 'Room', messages: { __typename?: 'RoomMessages', end?: string | null, events: Array<{ __typename?: 'RoomEvent', type: string, stateKey?: string | null, json: unknown }> } } | null };

export type ScriptJobFieldsFragment = { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, dryRun: boolean, createdBy: string, createdAt: string, startedAt?: string | null, finishedAt?: string | null, options: unknown, error?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, adminsToHandle: Array<{ __typename?: 'User', userId: string }> };

export type ScriptPlanPurgeEmptyRoomsMutationVariables = Exact<{
  options?: InputMaybe<PurgeEmptyRoomsOptions>;
}>;


export type ScriptPlanPurgeEmptyRoomsMutation = { __typename?: 'Mutation', planPurgeEmptyRooms: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, dryRun: boolean, createdBy: string, createdAt: string, startedAt?: string | null, finishedAt?: string | null, options: unknown, error?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, adminsToHandle: Array<{ __typename?: 'User', userId: string }> } };

export type ScriptPlanDecommissionMutationVariables = Exact<{
  options?: InputMaybe<DecommissionOptions>;
}>;


export type ScriptPlanDecommissionMutation = { __typename?: 'Mutation', planDecommission: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, dryRun: boolean, createdBy: string, createdAt: string, startedAt?: string | null, finishedAt?: string | null, options: unknown, error?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, adminsToHandle: Array<{ __typename?: 'User', userId: string }> } };

export type ScriptStartJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ScriptStartJobMutation = { __typename?: 'Mutation', startJob: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, dryRun: boolean, createdBy: string, createdAt: string, startedAt?: string | null, finishedAt?: string | null, options: unknown, error?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, adminsToHandle: Array<{ __typename?: 'User', userId: string }> } };

export type ScriptResumeJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ScriptResumeJobMutation = { __typename?: 'Mutation', resumeJob: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, dryRun: boolean, createdBy: string, createdAt: string, startedAt?: string | null, finishedAt?: string | null, options: unknown, error?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, adminsToHandle: Array<{ __typename?: 'User', userId: string }> } };

export type ScriptJobQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ScriptJobQuery = { __typename?: 'Query', job?: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, dryRun: boolean, createdBy: string, createdAt: string, startedAt?: string | null, finishedAt?: string | null, options: unknown, error?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, adminsToHandle: Array<{ __typename?: 'User', userId: string }> } | null };

export type ScriptJobItemsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<JobItemStatus>;
}>;


export type ScriptJobItemsQuery = { __typename?: 'Query', job?: { __typename?: 'Job', items: { __typename?: 'JobItemConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'JobItemEdge', node: { __typename?: 'JobItem', target: string, action: JobItemAction, phase: JobPhase, status: JobItemStatus, attempts: number, error?: string | null, skippedReason?: string | null, review?: unknown | null } }> } } | null };

export type ScriptFollowJobSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ScriptFollowJobSubscription = { __typename?: 'Subscription', job: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, dryRun: boolean, createdBy: string, createdAt: string, startedAt?: string | null, finishedAt?: string | null, options: unknown, error?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, adminsToHandle: Array<{ __typename?: 'User', userId: string }> } };

export type AuditForQueryVariables = Exact<{
  target?: InputMaybe<Scalars['String']['input']>;
  action?: InputMaybe<Scalars['String']['input']>;
  actor?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditForQuery = { __typename?: 'Query', auditLog: { __typename?: 'AuditEntryConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'AuditEntryEdge', node: { __typename?: 'AuditEntry', id: string, at: string, actor: string, action: string, target?: string | null, arguments: unknown, outcome: AuditOutcome, errorCode?: string | null, message?: string | null, requestId?: string | null, jobId?: string | null, recovery?: unknown | null } }> } };

export type AuditedDeleteMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type AuditedDeleteMutation = { __typename?: 'Mutation', deleteRoom: { __typename?: 'DeleteTask', deleteId: string } };

export type AuditedResetMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  password: Scalars['String']['input'];
}>;


export type AuditedResetMutation = { __typename?: 'Mutation', resetPassword: { __typename?: 'User', userId: string } };

export type AuditedDeactivateMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type AuditedDeactivateMutation = { __typename?: 'Mutation', deactivateUser: { __typename?: 'User', userId: string, deactivated: boolean } };

export type AuditedBlockMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type AuditedBlockMutation = { __typename?: 'Mutation', blockRoom: { __typename?: 'BlockStatus', blocked: boolean } };

export type AuditJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditJobsQuery = { __typename?: 'Query', jobs: { __typename?: 'JobConnection', totalCount: number } };

export type PlanAsNobodyMutationVariables = Exact<{ [key: string]: never; }>;


export type PlanAsNobodyMutation = { __typename?: 'Mutation', planPurgeEmptyRooms: { __typename?: 'Job', id: string } };

export type RoomsAndViewerQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type RoomsAndViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', userId: string, isAdmin: boolean }, room?: { __typename?: 'Room', name?: string | null, members: Array<{ __typename?: 'Member', userId: string }> } | null };

export type DeleteTaskQueryQueryVariables = Exact<{
  deleteId: Scalars['ID']['input'];
}>;


export type DeleteTaskQueryQuery = { __typename?: 'Query', deleteTask?: { __typename?: 'DeleteTask', deleteId: string, roomId?: string | null, status: DeleteStatus, rawStatus: string, isTerminal: boolean, error?: string | null, shutdownRoom?: { __typename?: 'ShutdownRoom', kickedUsers: Array<string>, failedToKickUsers: Array<string>, localAliases: Array<string>, newRoomId?: string | null } | null } | null };

export type RoomTasksQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type RoomTasksQuery = { __typename?: 'Query', room?: { __typename?: 'Room', joinedMembers?: number | null, deleteTasks: Array<{ __typename?: 'DeleteTask', deleteId: string, roomId?: string | null, status: DeleteStatus, isTerminal: boolean, error?: string | null, shutdownRoom?: { __typename?: 'ShutdownRoom', kickedUsers: Array<string> } | null }> } | null };

export type ReportsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  roomId?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
  senderUserId?: InputMaybe<Scalars['String']['input']>;
  direction?: InputMaybe<OrderDirection>;
}>;


export type ReportsQuery = { __typename?: 'Query', eventReports: { __typename?: 'EventReportConnection', totalCount: number, edges: Array<{ __typename?: 'EventReportEdge', node: { __typename?: 'EventReport', id: string, receivedAt?: string | null, roomId: string, roomName?: string | null, canonicalAlias?: string | null, eventId: string, reporterUserId: string, senderUserId?: string | null, reason?: string | null, score?: number | null } }> } };

export type ReportQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReportQuery = { __typename?: 'Query', eventReport?: { __typename?: 'EventReport', id: string, eventId: string, reason?: string | null, score?: number | null, senderUserId?: string | null, event?: unknown | null, room: { __typename?: 'Room', roomId: string, name?: string | null }, reporter: { __typename?: 'User', userId: string, displayName?: string | null } } | null };

export type DeleteReportMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteReportMutation = { __typename?: 'Mutation', deleteEventReport: string };

export type DestinationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<DestinationOrderField>;
  direction?: InputMaybe<OrderDirection>;
}>;


export type DestinationsQuery = { __typename?: 'Query', destinations: { __typename?: 'DestinationConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'DestinationEdge', node: { __typename?: 'Destination', name: string, retryLastAt?: string | null, retryInterval: number, failureAt?: string | null, lastSuccessfulStreamOrdering?: number | null, isFailing: boolean } }> } };

export type DestinationQueryVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type DestinationQuery = { __typename?: 'Query', destination?: { __typename?: 'Destination', name: string, retryLastAt?: string | null, retryInterval: number, failureAt?: string | null, lastSuccessfulStreamOrdering?: number | null, isFailing: boolean, rooms?: { __typename?: 'RoomConnection', totalCount: number, edges: Array<{ __typename?: 'RoomEdge', node: { __typename?: 'Room', roomId: string, name?: string | null } }> } | null } | null };

export type ResetMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type ResetMutation = { __typename?: 'Mutation', resetDestinationConnection: { __typename?: 'Destination', name: string, isFailing: boolean, retryInterval: number, failureAt?: string | null } };

export type JobScriptsPlanPurgeMutationVariables = Exact<{
  options?: InputMaybe<PurgeEmptyRoomsOptions>;
}>;


export type JobScriptsPlanPurgeMutation = { __typename?: 'Mutation', planPurgeEmptyRooms: { __typename?: 'Job', id: string, status: JobStatus } };

export type JobScriptsStartJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type JobScriptsStartJobMutation = { __typename?: 'Mutation', startJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type JobScriptsCancelJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type JobScriptsCancelJobMutation = { __typename?: 'Mutation', cancelJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type JobScriptsJobStatusQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type JobScriptsJobStatusQuery = { __typename?: 'Query', job?: { __typename?: 'Job', id: string, status: JobStatus, progress: { __typename?: 'JobProgress', total: number, done: number, running: number } } | null };

export type EmptyRoomsQueryVariables = Exact<{ [key: string]: never; }>;


export type EmptyRoomsQuery = { __typename?: 'Query', rooms: { __typename?: 'RoomConnection', edges: Array<{ __typename?: 'RoomEdge', node: { __typename?: 'Room', roomId: string, joinedLocalMembers?: number | null } }> } };

export type PlanPurgeMutationVariables = Exact<{
  options?: InputMaybe<PurgeEmptyRoomsOptions>;
}>;


export type PlanPurgeMutation = { __typename?: 'Mutation', planPurgeEmptyRooms: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, dryRun: boolean, createdBy: string, phase?: JobPhase | null, progress: { __typename?: 'JobProgress', total: number, pending: number }, items: { __typename?: 'JobItemConnection', totalCount: number, edges: Array<{ __typename?: 'JobItemEdge', node: { __typename?: 'JobItem', target: string, action: JobItemAction, status: JobItemStatus, review?: unknown | null } }> } } };

export type StartJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StartJobMutation = { __typename?: 'Mutation', startJob: { __typename?: 'Job', id: string, status: JobStatus, dryRun: boolean, startedAt?: string | null } };

export type PauseJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PauseJobMutation = { __typename?: 'Mutation', pauseJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type ResumeJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResumeJobMutation = { __typename?: 'Mutation', resumeJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type CancelJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CancelJobMutation = { __typename?: 'Mutation', cancelJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type JobStateQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type JobStateQuery = { __typename?: 'Query', job?: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, error?: string | null, dryRun: boolean, startedAt?: string | null, finishedAt?: string | null, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number, failed: number, skipped: number, cancelled: number }, items: { __typename?: 'JobItemConnection', edges: Array<{ __typename?: 'JobItemEdge', node: { __typename?: 'JobItem', target: string, action: JobItemAction, phase: JobPhase, status: JobItemStatus, attempts: number, deleteId?: string | null, error?: string | null, skippedReason?: string | null, startedAt?: string | null, finishedAt?: string | null, review?: unknown | null } }> } } | null };

export type JobAuditQueryVariables = Exact<{
  jobId: Scalars['ID']['input'];
}>;


export type JobAuditQuery = { __typename?: 'Query', auditLog: { __typename?: 'AuditEntryConnection', totalCount: number, edges: Array<{ __typename?: 'AuditEntryEdge', node: { __typename?: 'AuditEntry', actor: string, action: string, target?: string | null, arguments: unknown, outcome: AuditOutcome, errorCode?: string | null, message?: string | null, jobId?: string | null, recovery?: unknown | null } }> } };

export type PlanDecommissionMutationVariables = Exact<{
  options?: InputMaybe<DecommissionOptions>;
}>;


export type PlanDecommissionMutation = { __typename?: 'Mutation', planDecommission: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, phase?: JobPhase | null, adminsToHandle: Array<{ __typename?: 'User', userId: string }>, items: { __typename?: 'JobItemConnection', edges: Array<{ __typename?: 'JobItemEdge', node: { __typename?: 'JobItem', target: string, action: JobItemAction, status: JobItemStatus, review?: unknown | null } }> } } };

export type AllUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type AllUsersQuery = { __typename?: 'Query', users: { __typename?: 'UserConnection', edges: Array<{ __typename?: 'UserEdge', node: { __typename?: 'User', userId: string } }> } };

export type UserStateQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UserStateQuery = { __typename?: 'Query', user?: { __typename?: 'User', userId: string, deactivated: boolean, erased: boolean, admin: boolean } | null };

export type RoomExistsQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type RoomExistsQuery = { __typename?: 'Query', room?: { __typename?: 'Room', roomId: string, joinedLocalMembers?: number | null } | null };

export type BlockRoomMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type BlockRoomMutation = { __typename?: 'Mutation', blockRoom: { __typename?: 'BlockStatus', blocked: boolean, blockedBy?: string | null } };

export type UnblockRoomMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type UnblockRoomMutation = { __typename?: 'Mutation', unblockRoom: { __typename?: 'BlockStatus', blocked: boolean, blockedBy?: string | null } };

export type RoomBlockQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type RoomBlockQuery = { __typename?: 'Query', room?: { __typename?: 'Room', block: { __typename?: 'BlockStatus', blocked: boolean, blockedBy?: string | null } } | null };

export type DeleteRoomMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
  options?: InputMaybe<DeleteRoomOptions>;
}>;


export type DeleteRoomMutation = { __typename?: 'Mutation', deleteRoom: { __typename?: 'DeleteTask', deleteId: string, roomId?: string | null, status: DeleteStatus, isTerminal: boolean, shutdownRoom?: { __typename?: 'ShutdownRoom', kickedUsers: Array<string>, newRoomId?: string | null } | null } };

export type FollowTaskQueryVariables = Exact<{
  deleteId: Scalars['ID']['input'];
}>;


export type FollowTaskQuery = { __typename?: 'Query', deleteTask?: { __typename?: 'DeleteTask', deleteId: string, status: DeleteStatus, isTerminal: boolean, error?: string | null, shutdownRoom?: { __typename?: 'ShutdownRoom', kickedUsers: Array<string>, failedToKickUsers: Array<string>, localAliases: Array<string>, newRoomId?: string | null } | null } | null };

export type MakeRoomAdminMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
  userId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type MakeRoomAdminMutation = { __typename?: 'Mutation', makeRoomAdmin: boolean };

export type PowerLevelsQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type PowerLevelsQuery = { __typename?: 'Query', room?: { __typename?: 'Room', state: Array<{ __typename?: 'StateEvent', content: unknown }>, members: Array<{ __typename?: 'Member', userId: string }> } | null };

export type ExtremitiesQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type ExtremitiesQuery = { __typename?: 'Query', room?: { __typename?: 'Room', forwardExtremities: { __typename?: 'ForwardExtremities', count: number, results: Array<{ __typename?: 'ForwardExtremity', eventId: string, stateGroup?: number | null, depth: number, receivedAt?: string | null }> } } | null };

export type DeleteExtremitiesMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type DeleteExtremitiesMutation = { __typename?: 'Mutation', deleteForwardExtremities: number };

export type ContextQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
  eventId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ContextQuery = { __typename?: 'Query', room?: { __typename?: 'Room', eventContext?: { __typename?: 'EventContext', event: { __typename?: 'RoomEvent', eventId: string, type: string, sender: string, stateKey?: string | null, originServerTs?: string | null, content: unknown }, eventsBefore: Array<{ __typename?: 'RoomEvent', eventId: string, type: string, originServerTs?: string | null }>, eventsAfter: Array<{ __typename?: 'RoomEvent', eventId: string, type: string, originServerTs?: string | null }>, state: Array<{ __typename?: 'RoomEvent', type: string, stateKey?: string | null }> } | null, state: Array<{ __typename?: 'StateEvent', eventId: string, type: string }> } | null };

export type ReplicaDeleteMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type ReplicaDeleteMutation = { __typename?: 'Mutation', deleteRoom: { __typename?: 'DeleteTask', deleteId: string, status: DeleteStatus } };

export type ReplicaPlanMutationVariables = Exact<{
  options?: InputMaybe<PurgeEmptyRoomsOptions>;
}>;


export type ReplicaPlanMutation = { __typename?: 'Mutation', planPurgeEmptyRooms: { __typename?: 'Job', id: string, items: { __typename?: 'JobItemConnection', edges: Array<{ __typename?: 'JobItemEdge', node: { __typename?: 'JobItem', target: string } }> } } };

export type ReplicaStartJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReplicaStartJobMutation = { __typename?: 'Mutation', startJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type ReplicaPauseJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReplicaPauseJobMutation = { __typename?: 'Mutation', pauseJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type ReplicaResumeJobMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReplicaResumeJobMutation = { __typename?: 'Mutation', resumeJob: { __typename?: 'Job', id: string, status: JobStatus } };

export type ReplicaJobQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReplicaJobQuery = { __typename?: 'Query', job?: { __typename?: 'Job', id: string, status: JobStatus, progress: { __typename?: 'JobProgress', total: number, pending: number, running: number, done: number } } | null };

export type ReplicaEmptyRoomsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReplicaEmptyRoomsQuery = { __typename?: 'Query', rooms: { __typename?: 'RoomConnection', edges: Array<{ __typename?: 'RoomEdge', node: { __typename?: 'Room', roomId: string, joinedLocalMembers?: number | null } }> } };

export type RoomPageQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<RoomOrderField>;
  direction?: InputMaybe<OrderDirection>;
  search?: InputMaybe<Scalars['String']['input']>;
  public?: InputMaybe<Scalars['Boolean']['input']>;
  empty?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type RoomPageQuery = { __typename?: 'Query', rooms: { __typename?: 'RoomConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'RoomEdge', cursor: string, node: { __typename?: 'Room', roomId: string, name?: string | null, joinedMembers?: number | null, public: boolean } }> } };

export type RoomDetailsQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type RoomDetailsQuery = { __typename?: 'Query', room?: { __typename?: 'Room', roomId: string, name?: string | null, canonicalAlias?: string | null, topic?: string | null, avatar?: string | null, joinedMembers?: number | null, joinedLocalMembers?: number | null, joinedLocalDevices?: number | null, version?: string | null, creator?: string | null, encryption?: string | null, federatable: boolean, public: boolean, joinRules?: string | null, guestAccess?: string | null, historyVisibility?: string | null, stateEvents?: number | null, roomType?: string | null, isSpace: boolean, forgotten?: boolean | null, tombstoned?: boolean | null, replacementRoom?: string | null, servers: Array<string>, members: Array<{ __typename?: 'Member', userId: string, server: string, isLocal: boolean, displayName?: string | null, avatarUrl?: string | null, user?: { __typename?: 'User', userId: string, displayName?: string | null, admin: boolean, deactivated: boolean, erased: boolean, locked: boolean, shadowBanned: boolean, isGuest: boolean, userType?: string | null, createdAt?: string | null, lastSeenAt?: string | null } | null }>, state: Array<{ __typename?: 'StateEvent', eventId: string, type: string, stateKey?: string | null, sender: string, originServerTs?: string | null, content: unknown }>, block: { __typename?: 'BlockStatus', blocked: boolean, blockedBy?: string | null }, deleteTasks: Array<{ __typename?: 'DeleteTask', deleteId: string, status: DeleteStatus }> } | null };

export type UnknownsQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
  deleteId: Scalars['ID']['input'];
}>;


export type UnknownsQuery = { __typename?: 'Query', room?: { __typename?: 'Room', roomId: string } | null, deleteTask?: { __typename?: 'DeleteTask', deleteId: string } | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', serverVersion: string, viewer: { __typename?: 'Viewer', userId: string, isAdmin: boolean } };

export type TasksQueryVariables = Exact<{
  actionName?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  resourceId?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<ScheduledTaskStatus> | ScheduledTaskStatus>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type TasksQuery = { __typename?: 'Query', scheduledTasks: Array<{ __typename?: 'ScheduledTask', id: string, action: string, status: ScheduledTaskStatus, rawStatus: string, resourceId?: string | null, updatedAt?: string | null, result?: unknown | null, error?: string | null }> };

export type StartDeleteMutationVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type StartDeleteMutation = { __typename?: 'Mutation', deleteRoom: { __typename?: 'DeleteTask', deleteId: string, status: DeleteStatus } };

export type WatchOneSubscriptionVariables = Exact<{
  deleteId: Scalars['ID']['input'];
}>;


export type WatchOneSubscription = { __typename?: 'Subscription', deleteTask: { __typename?: 'DeleteTask', deleteId: string, roomId?: string | null, status: DeleteStatus, isTerminal: boolean, error?: string | null, shutdownRoom?: { __typename?: 'ShutdownRoom', kickedUsers: Array<string>, newRoomId?: string | null } | null } };

export type WatchManySubscriptionVariables = Exact<{
  deleteIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type WatchManySubscription = { __typename?: 'Subscription', deleteTasks: { __typename?: 'DeleteTask', deleteId: string, status: DeleteStatus, isTerminal: boolean } };

export type RoomNameQueryVariables = Exact<{
  roomId: Scalars['ID']['input'];
}>;


export type RoomNameQuery = { __typename?: 'Query', room?: { __typename?: 'Room', name?: string | null } | null };

export type TaskStatusQueryVariables = Exact<{
  deleteId: Scalars['ID']['input'];
}>;


export type TaskStatusQuery = { __typename?: 'Query', deleteTask?: { __typename?: 'DeleteTask', deleteId: string, roomId?: string | null, status: DeleteStatus, rawStatus: string, isTerminal: boolean, shutdownRoom?: { __typename?: 'ShutdownRoom', kickedUsers: Array<string> } | null } | null };

export type ListAllQueryVariables = Exact<{ [key: string]: never; }>;


export type ListAllQuery = { __typename?: 'Query', rooms: { __typename?: 'RoomConnection', totalCount: number, edges: Array<{ __typename?: 'RoomEdge', node: { __typename?: 'Room', roomId: string, joinRules?: string | null, name?: string | null } }> } };

export type AccountQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type AccountQuery = { __typename?: 'Query', user?: { __typename?: 'User', userId: string, admin: boolean, deactivated: boolean, erased: boolean, locked: boolean, suspended: boolean, shadowBanned: boolean, displayName?: string | null, devices: Array<{ __typename?: 'Device', deviceId: string }>, joinedRooms: Array<{ __typename?: 'Room', roomId: string }>, rateLimit?: { __typename?: 'RateLimit', messagesPerSecond: number, burstCount: number } | null } | null };

export type SetAdminMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  admin: Scalars['Boolean']['input'];
}>;


export type SetAdminMutation = { __typename?: 'Mutation', setUserAdmin: { __typename?: 'User', userId: string, admin: boolean } };

export type ResetPasswordMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  newPassword: Scalars['String']['input'];
  logoutDevices?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type ResetPasswordMutation = { __typename?: 'Mutation', resetPassword: { __typename?: 'User', userId: string, devices: Array<{ __typename?: 'Device', deviceId: string }> } };

export type LockMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type LockMutation = { __typename?: 'Mutation', lockUser: { __typename?: 'User', userId: string, locked: boolean } };

export type UnlockMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UnlockMutation = { __typename?: 'Mutation', unlockUser: { __typename?: 'User', userId: string, locked: boolean } };

export type SuspendMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type SuspendMutation = { __typename?: 'Mutation', suspendUser: { __typename?: 'User', userId: string, suspended: boolean } };

export type UnsuspendMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UnsuspendMutation = { __typename?: 'Mutation', unsuspendUser: { __typename?: 'User', userId: string, suspended: boolean } };

export type ShadowBanMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  banned: Scalars['Boolean']['input'];
}>;


export type ShadowBanMutation = { __typename?: 'Mutation', setShadowBanned: { __typename?: 'User', userId: string, shadowBanned: boolean } };

export type DeleteDeviceMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  deviceId: Scalars['ID']['input'];
}>;


export type DeleteDeviceMutation = { __typename?: 'Mutation', deleteDevice: { __typename?: 'User', userId: string, devices: Array<{ __typename?: 'Device', deviceId: string }> } };

export type JoinUserMutationVariables = Exact<{
  roomIdOrAlias: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
}>;


export type JoinUserMutation = { __typename?: 'Mutation', joinUserToRoom: { __typename?: 'User', userId: string, joinedRooms: Array<{ __typename?: 'Room', roomId: string }> } };

export type SetRateLimitMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  messagesPerSecond: Scalars['Int']['input'];
  burstCount: Scalars['Int']['input'];
}>;


export type SetRateLimitMutation = { __typename?: 'Mutation', setRateLimit: { __typename?: 'User', userId: string, rateLimit?: { __typename?: 'RateLimit', messagesPerSecond: number, burstCount: number } | null } };

export type ClearRateLimitMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type ClearRateLimitMutation = { __typename?: 'Mutation', clearRateLimit: { __typename?: 'User', userId: string, rateLimit?: { __typename?: 'RateLimit', messagesPerSecond: number } | null } };

export type DeactivateMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  erase?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type DeactivateMutation = { __typename?: 'Mutation', deactivateUser: { __typename?: 'User', userId: string, deactivated: boolean, erased: boolean, displayName?: string | null, devices: Array<{ __typename?: 'Device', deviceId: string }> } };

export type UserPageQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
  guests?: InputMaybe<Scalars['Boolean']['input']>;
  deactivated?: InputMaybe<DeactivatedFilter>;
  admins?: InputMaybe<Scalars['Boolean']['input']>;
  locked?: InputMaybe<Scalars['Boolean']['input']>;
  excludeUserTypes?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  orderBy?: InputMaybe<UserOrderField>;
  direction?: InputMaybe<OrderDirection>;
}>;


export type UserPageQuery = { __typename?: 'Query', users: { __typename?: 'UserConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'UserEdge', node: { __typename?: 'User', userId: string, displayName?: string | null, admin: boolean, deactivated: boolean, locked: boolean, isGuest: boolean, createdAt?: string | null } }> } };

export type UserDetailsQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UserDetailsQuery = { __typename?: 'Query', user?: { __typename?: 'User', userId: string, displayName?: string | null, avatarUrl?: string | null, admin: boolean, deactivated: boolean, erased: boolean, locked: boolean, shadowBanned: boolean, isGuest: boolean, userType?: string | null, createdAt?: string | null, lastSeenAt?: string | null, suspended: boolean, appserviceId?: string | null, threepids: Array<{ __typename?: 'Threepid', medium: string, address: string, validatedAt?: string | null, addedAt?: string | null }>, externalIds: Array<{ __typename?: 'ExternalId', authProvider: string, externalId: string }>, consent?: { __typename?: 'Consent', version: string, acceptedAt?: string | null } | null, joinedRooms: Array<{ __typename?: 'Room', roomId: string, name?: string | null }>, memberships: Array<{ __typename?: 'RoomMembership', membership: string, room: { __typename?: 'Room', roomId: string } }>, devices: Array<{ __typename?: 'Device', deviceId: string, displayName?: string | null, lastSeenIp?: string | null, lastSeenUserAgent?: string | null, lastSeenAt?: string | null }>, sessions: Array<{ __typename?: 'UserSession', ip?: string | null, userAgent?: string | null, lastSeenAt?: string | null }>, pushers: Array<{ __typename?: 'Pusher', kind: string, appId: string, appDisplayName?: string | null, deviceDisplayName?: string | null, pushkey: string, lang?: string | null, profileTag?: string | null, data?: unknown | null, enabled: boolean, deviceId?: string | null }>, media?: { __typename?: 'MediaConnection', totalCount: number, edges: Array<{ __typename?: 'MediaEdge', node: { __typename?: 'Media', mediaId: string, mediaType?: string | null, mediaLength?: number | null, uploadName?: string | null, createdAt?: string | null, lastAccessedAt?: string | null, quarantinedBy?: string | null, safeFromQuarantine: boolean } }> } | null, accountData: { __typename?: 'AccountData', global: unknown, rooms: unknown }, rateLimit?: { __typename?: 'RateLimit', messagesPerSecond: number, burstCount: number } | null } | null };

export type UserFlagsQueryVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UserFlagsQuery = { __typename?: 'Query', user?: { __typename?: 'User', userId: string, admin: boolean, deactivated: boolean, locked: boolean, isGuest: boolean, displayName?: string | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ScriptJobFieldsFragmentDoc = new TypedDocumentString(`
    fragment ScriptJobFields on Job {
  id
  kind
  status
  phase
  dryRun
  createdBy
  createdAt
  startedAt
  finishedAt
  options
  error
  progress {
    total
    pending
    running
    done
    failed
    skipped
    cancelled
  }
  adminsToHandle {
    userId
  }
}
    `, {"fragmentName":"ScriptJobFields"}) as unknown as TypedDocumentString<ScriptJobFieldsFragment, unknown>;
export const ScriptDeleteRoomDocument = new TypedDocumentString(`
    mutation ScriptDeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {
  deleteRoom(roomId: $roomId, options: $options) {
    deleteId
    status
  }
}
    `) as unknown as TypedDocumentString<ScriptDeleteRoomMutation, ScriptDeleteRoomMutationVariables>;
export const ExportProfileDocument = new TypedDocumentString(`
    query ExportProfile($userId: ID!) {
  user(userId: $userId) {
    userId
    displayName
    avatarUrl
    admin
    deactivated
    erased
    locked
    suspended
    shadowBanned
    isGuest
    userType
    appserviceId
    createdAt
    lastSeenAt
    consent {
      version
      acceptedAt
    }
    threepids {
      medium
      address
      validatedAt
      addedAt
    }
    externalIds {
      authProvider
      externalId
    }
    devices {
      deviceId
      displayName
      lastSeenIp
      lastSeenUserAgent
      lastSeenAt
    }
    sessions {
      ip
      userAgent
      lastSeenAt
    }
    pushers {
      kind
      appId
      appDisplayName
      deviceDisplayName
      pushkey
      lang
      profileTag
      data
      enabled
      deviceId
    }
    accountData {
      global
      rooms
    }
    rateLimit {
      messagesPerSecond
      burstCount
    }
    memberships {
      room {
        roomId
      }
      membership
    }
  }
}
    `) as unknown as TypedDocumentString<ExportProfileQuery, ExportProfileQueryVariables>;
export const ExportMediaDocument = new TypedDocumentString(`
    query ExportMedia($userId: ID!, $after: String) {
  user(userId: $userId) {
    media(first: 1000, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          mediaId
          mediaType
          mediaLength
          uploadName
          createdAt
          lastAccessedAt
          quarantinedBy
          safeFromQuarantine
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExportMediaQuery, ExportMediaQueryVariables>;
export const ExportRoomEventsDocument = new TypedDocumentString(`
    query ExportRoomEvents($roomId: ID!, $from: String) {
  room(roomId: $roomId) {
    messages(from: $from, limit: 1000) {
      end
      events {
        type
        stateKey
        json
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExportRoomEventsQuery, ExportRoomEventsQueryVariables>;
export const ScriptPlanPurgeEmptyRoomsDocument = new TypedDocumentString(`
    mutation ScriptPlanPurgeEmptyRooms($options: PurgeEmptyRoomsOptions) {
  planPurgeEmptyRooms(options: $options) {
    ...ScriptJobFields
  }
}
    fragment ScriptJobFields on Job {
  id
  kind
  status
  phase
  dryRun
  createdBy
  createdAt
  startedAt
  finishedAt
  options
  error
  progress {
    total
    pending
    running
    done
    failed
    skipped
    cancelled
  }
  adminsToHandle {
    userId
  }
}`) as unknown as TypedDocumentString<ScriptPlanPurgeEmptyRoomsMutation, ScriptPlanPurgeEmptyRoomsMutationVariables>;
export const ScriptPlanDecommissionDocument = new TypedDocumentString(`
    mutation ScriptPlanDecommission($options: DecommissionOptions) {
  planDecommission(options: $options) {
    ...ScriptJobFields
  }
}
    fragment ScriptJobFields on Job {
  id
  kind
  status
  phase
  dryRun
  createdBy
  createdAt
  startedAt
  finishedAt
  options
  error
  progress {
    total
    pending
    running
    done
    failed
    skipped
    cancelled
  }
  adminsToHandle {
    userId
  }
}`) as unknown as TypedDocumentString<ScriptPlanDecommissionMutation, ScriptPlanDecommissionMutationVariables>;
export const ScriptStartJobDocument = new TypedDocumentString(`
    mutation ScriptStartJob($id: ID!) {
  startJob(id: $id) {
    ...ScriptJobFields
  }
}
    fragment ScriptJobFields on Job {
  id
  kind
  status
  phase
  dryRun
  createdBy
  createdAt
  startedAt
  finishedAt
  options
  error
  progress {
    total
    pending
    running
    done
    failed
    skipped
    cancelled
  }
  adminsToHandle {
    userId
  }
}`) as unknown as TypedDocumentString<ScriptStartJobMutation, ScriptStartJobMutationVariables>;
export const ScriptResumeJobDocument = new TypedDocumentString(`
    mutation ScriptResumeJob($id: ID!) {
  resumeJob(id: $id) {
    ...ScriptJobFields
  }
}
    fragment ScriptJobFields on Job {
  id
  kind
  status
  phase
  dryRun
  createdBy
  createdAt
  startedAt
  finishedAt
  options
  error
  progress {
    total
    pending
    running
    done
    failed
    skipped
    cancelled
  }
  adminsToHandle {
    userId
  }
}`) as unknown as TypedDocumentString<ScriptResumeJobMutation, ScriptResumeJobMutationVariables>;
export const ScriptJobDocument = new TypedDocumentString(`
    query ScriptJob($id: ID!) {
  job(id: $id) {
    ...ScriptJobFields
  }
}
    fragment ScriptJobFields on Job {
  id
  kind
  status
  phase
  dryRun
  createdBy
  createdAt
  startedAt
  finishedAt
  options
  error
  progress {
    total
    pending
    running
    done
    failed
    skipped
    cancelled
  }
  adminsToHandle {
    userId
  }
}`) as unknown as TypedDocumentString<ScriptJobQuery, ScriptJobQueryVariables>;
export const ScriptJobItemsDocument = new TypedDocumentString(`
    query ScriptJobItems($id: ID!, $after: String, $status: JobItemStatus) {
  job(id: $id) {
    items(first: 1000, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          target
          action
          phase
          status
          attempts
          error
          skippedReason
          review
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ScriptJobItemsQuery, ScriptJobItemsQueryVariables>;
export const ScriptFollowJobDocument = new TypedDocumentString(`
    subscription ScriptFollowJob($id: ID!) {
  job(id: $id) {
    ...ScriptJobFields
  }
}
    fragment ScriptJobFields on Job {
  id
  kind
  status
  phase
  dryRun
  createdBy
  createdAt
  startedAt
  finishedAt
  options
  error
  progress {
    total
    pending
    running
    done
    failed
    skipped
    cancelled
  }
  adminsToHandle {
    userId
  }
}`) as unknown as TypedDocumentString<ScriptFollowJobSubscription, ScriptFollowJobSubscriptionVariables>;
export const AuditForDocument = new TypedDocumentString(`
    query AuditFor($target: String, $action: String, $actor: String, $first: Int, $after: String) {
  auditLog(
    target: $target
    action: $action
    actor: $actor
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        at
        actor
        action
        target
        arguments
        outcome
        errorCode
        message
        requestId
        jobId
        recovery
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuditForQuery, AuditForQueryVariables>;
export const AuditedDeleteDocument = new TypedDocumentString(`
    mutation AuditedDelete($roomId: ID!) {
  deleteRoom(roomId: $roomId) {
    deleteId
  }
}
    `) as unknown as TypedDocumentString<AuditedDeleteMutation, AuditedDeleteMutationVariables>;
export const AuditedResetDocument = new TypedDocumentString(`
    mutation AuditedReset($userId: ID!, $password: String!) {
  resetPassword(userId: $userId, newPassword: $password) {
    userId
  }
}
    `) as unknown as TypedDocumentString<AuditedResetMutation, AuditedResetMutationVariables>;
export const AuditedDeactivateDocument = new TypedDocumentString(`
    mutation AuditedDeactivate($userId: ID!) {
  deactivateUser(userId: $userId) {
    userId
    deactivated
  }
}
    `) as unknown as TypedDocumentString<AuditedDeactivateMutation, AuditedDeactivateMutationVariables>;
export const AuditedBlockDocument = new TypedDocumentString(`
    mutation AuditedBlock($roomId: ID!) {
  blockRoom(roomId: $roomId) {
    blocked
  }
}
    `) as unknown as TypedDocumentString<AuditedBlockMutation, AuditedBlockMutationVariables>;
export const AuditJobsDocument = new TypedDocumentString(`
    query AuditJobs {
  jobs(first: 5) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<AuditJobsQuery, AuditJobsQueryVariables>;
export const PlanAsNobodyDocument = new TypedDocumentString(`
    mutation PlanAsNobody {
  planPurgeEmptyRooms {
    id
  }
}
    `) as unknown as TypedDocumentString<PlanAsNobodyMutation, PlanAsNobodyMutationVariables>;
export const RoomsAndViewerDocument = new TypedDocumentString(`
    query RoomsAndViewer($roomId: ID!) {
  viewer {
    userId
    isAdmin
  }
  room(roomId: $roomId) {
    name
    members {
      userId
    }
  }
}
    `) as unknown as TypedDocumentString<RoomsAndViewerQuery, RoomsAndViewerQueryVariables>;
export const DeleteTaskQueryDocument = new TypedDocumentString(`
    query DeleteTaskQuery($deleteId: ID!) {
  deleteTask(deleteId: $deleteId) {
    deleteId
    roomId
    status
    rawStatus
    isTerminal
    error
    shutdownRoom {
      kickedUsers
      failedToKickUsers
      localAliases
      newRoomId
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteTaskQueryQuery, DeleteTaskQueryQueryVariables>;
export const RoomTasksDocument = new TypedDocumentString(`
    query RoomTasks($roomId: ID!) {
  room(roomId: $roomId) {
    joinedMembers
    deleteTasks {
      deleteId
      roomId
      status
      isTerminal
      error
      shutdownRoom {
        kickedUsers
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RoomTasksQuery, RoomTasksQueryVariables>;
export const ReportsDocument = new TypedDocumentString(`
    query Reports($first: Int, $after: String, $roomId: String, $userId: String, $senderUserId: String, $direction: OrderDirection) {
  eventReports(
    first: $first
    after: $after
    roomId: $roomId
    userId: $userId
    senderUserId: $senderUserId
    direction: $direction
  ) {
    totalCount
    edges {
      node {
        id
        receivedAt
        roomId
        roomName
        canonicalAlias
        eventId
        reporterUserId
        senderUserId
        reason
        score
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReportsQuery, ReportsQueryVariables>;
export const ReportDocument = new TypedDocumentString(`
    query Report($id: ID!) {
  eventReport(id: $id) {
    id
    eventId
    reason
    score
    senderUserId
    event
    room {
      roomId
      name
    }
    reporter {
      userId
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<ReportQuery, ReportQueryVariables>;
export const DeleteReportDocument = new TypedDocumentString(`
    mutation DeleteReport($id: ID!) {
  deleteEventReport(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteReportMutation, DeleteReportMutationVariables>;
export const DestinationsDocument = new TypedDocumentString(`
    query Destinations($first: Int, $after: String, $search: String, $orderBy: DestinationOrderField, $direction: OrderDirection) {
  destinations(
    first: $first
    after: $after
    search: $search
    orderBy: $orderBy
    direction: $direction
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        name
        retryLastAt
        retryInterval
        failureAt
        lastSuccessfulStreamOrdering
        isFailing
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DestinationsQuery, DestinationsQueryVariables>;
export const DestinationDocument = new TypedDocumentString(`
    query Destination($name: String!) {
  destination(name: $name) {
    name
    retryLastAt
    retryInterval
    failureAt
    lastSuccessfulStreamOrdering
    isFailing
    rooms(first: 10) {
      totalCount
      edges {
        node {
          roomId
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DestinationQuery, DestinationQueryVariables>;
export const ResetDocument = new TypedDocumentString(`
    mutation Reset($name: String!) {
  resetDestinationConnection(name: $name) {
    name
    isFailing
    retryInterval
    failureAt
  }
}
    `) as unknown as TypedDocumentString<ResetMutation, ResetMutationVariables>;
export const JobScriptsPlanPurgeDocument = new TypedDocumentString(`
    mutation JobScriptsPlanPurge($options: PurgeEmptyRoomsOptions) {
  planPurgeEmptyRooms(options: $options) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<JobScriptsPlanPurgeMutation, JobScriptsPlanPurgeMutationVariables>;
export const JobScriptsStartJobDocument = new TypedDocumentString(`
    mutation JobScriptsStartJob($id: ID!) {
  startJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<JobScriptsStartJobMutation, JobScriptsStartJobMutationVariables>;
export const JobScriptsCancelJobDocument = new TypedDocumentString(`
    mutation JobScriptsCancelJob($id: ID!) {
  cancelJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<JobScriptsCancelJobMutation, JobScriptsCancelJobMutationVariables>;
export const JobScriptsJobStatusDocument = new TypedDocumentString(`
    query JobScriptsJobStatus($id: ID!) {
  job(id: $id) {
    id
    status
    progress {
      total
      done
      running
    }
  }
}
    `) as unknown as TypedDocumentString<JobScriptsJobStatusQuery, JobScriptsJobStatusQueryVariables>;
export const EmptyRoomsDocument = new TypedDocumentString(`
    query EmptyRooms {
  rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) {
    edges {
      node {
        roomId
        joinedLocalMembers
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EmptyRoomsQuery, EmptyRoomsQueryVariables>;
export const PlanPurgeDocument = new TypedDocumentString(`
    mutation PlanPurge($options: PurgeEmptyRoomsOptions) {
  planPurgeEmptyRooms(options: $options) {
    id
    kind
    status
    dryRun
    createdBy
    phase
    progress {
      total
      pending
    }
    items(first: 1000) {
      totalCount
      edges {
        node {
          target
          action
          status
          review
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PlanPurgeMutation, PlanPurgeMutationVariables>;
export const StartJobDocument = new TypedDocumentString(`
    mutation StartJob($id: ID!) {
  startJob(id: $id) {
    id
    status
    dryRun
    startedAt
  }
}
    `) as unknown as TypedDocumentString<StartJobMutation, StartJobMutationVariables>;
export const PauseJobDocument = new TypedDocumentString(`
    mutation PauseJob($id: ID!) {
  pauseJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PauseJobMutation, PauseJobMutationVariables>;
export const ResumeJobDocument = new TypedDocumentString(`
    mutation ResumeJob($id: ID!) {
  resumeJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ResumeJobMutation, ResumeJobMutationVariables>;
export const CancelJobDocument = new TypedDocumentString(`
    mutation CancelJob($id: ID!) {
  cancelJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelJobMutation, CancelJobMutationVariables>;
export const JobStateDocument = new TypedDocumentString(`
    query JobState($id: ID!) {
  job(id: $id) {
    id
    kind
    status
    phase
    error
    dryRun
    startedAt
    finishedAt
    progress {
      total
      pending
      running
      done
      failed
      skipped
      cancelled
    }
    items(first: 1000) {
      edges {
        node {
          target
          action
          phase
          status
          attempts
          deleteId
          error
          skippedReason
          startedAt
          finishedAt
          review
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<JobStateQuery, JobStateQueryVariables>;
export const JobAuditDocument = new TypedDocumentString(`
    query JobAudit($jobId: ID!) {
  auditLog(jobId: $jobId, first: 1000) {
    totalCount
    edges {
      node {
        actor
        action
        target
        arguments
        outcome
        errorCode
        message
        jobId
        recovery
      }
    }
  }
}
    `) as unknown as TypedDocumentString<JobAuditQuery, JobAuditQueryVariables>;
export const PlanDecommissionDocument = new TypedDocumentString(`
    mutation PlanDecommission($options: DecommissionOptions) {
  planDecommission(options: $options) {
    id
    kind
    status
    phase
    adminsToHandle {
      userId
    }
    items(first: 1000) {
      edges {
        node {
          target
          action
          status
          review
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PlanDecommissionMutation, PlanDecommissionMutationVariables>;
export const AllUsersDocument = new TypedDocumentString(`
    query AllUsers {
  users(first: 1000, guests: true, locked: true) {
    edges {
      node {
        userId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AllUsersQuery, AllUsersQueryVariables>;
export const UserStateDocument = new TypedDocumentString(`
    query UserState($userId: ID!) {
  user(userId: $userId) {
    userId
    deactivated
    erased
    admin
  }
}
    `) as unknown as TypedDocumentString<UserStateQuery, UserStateQueryVariables>;
export const RoomExistsDocument = new TypedDocumentString(`
    query RoomExists($roomId: ID!) {
  room(roomId: $roomId) {
    roomId
    joinedLocalMembers
  }
}
    `) as unknown as TypedDocumentString<RoomExistsQuery, RoomExistsQueryVariables>;
export const BlockRoomDocument = new TypedDocumentString(`
    mutation BlockRoom($roomId: ID!) {
  blockRoom(roomId: $roomId) {
    blocked
    blockedBy
  }
}
    `) as unknown as TypedDocumentString<BlockRoomMutation, BlockRoomMutationVariables>;
export const UnblockRoomDocument = new TypedDocumentString(`
    mutation UnblockRoom($roomId: ID!) {
  unblockRoom(roomId: $roomId) {
    blocked
    blockedBy
  }
}
    `) as unknown as TypedDocumentString<UnblockRoomMutation, UnblockRoomMutationVariables>;
export const RoomBlockDocument = new TypedDocumentString(`
    query RoomBlock($roomId: ID!) {
  room(roomId: $roomId) {
    block {
      blocked
      blockedBy
    }
  }
}
    `) as unknown as TypedDocumentString<RoomBlockQuery, RoomBlockQueryVariables>;
export const DeleteRoomDocument = new TypedDocumentString(`
    mutation DeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {
  deleteRoom(roomId: $roomId, options: $options) {
    deleteId
    roomId
    status
    isTerminal
    shutdownRoom {
      kickedUsers
      newRoomId
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteRoomMutation, DeleteRoomMutationVariables>;
export const FollowTaskDocument = new TypedDocumentString(`
    query FollowTask($deleteId: ID!) {
  deleteTask(deleteId: $deleteId) {
    deleteId
    status
    isTerminal
    error
    shutdownRoom {
      kickedUsers
      failedToKickUsers
      localAliases
      newRoomId
    }
  }
}
    `) as unknown as TypedDocumentString<FollowTaskQuery, FollowTaskQueryVariables>;
export const MakeRoomAdminDocument = new TypedDocumentString(`
    mutation MakeRoomAdmin($roomId: ID!, $userId: ID) {
  makeRoomAdmin(roomId: $roomId, userId: $userId)
}
    `) as unknown as TypedDocumentString<MakeRoomAdminMutation, MakeRoomAdminMutationVariables>;
export const PowerLevelsDocument = new TypedDocumentString(`
    query PowerLevels($roomId: ID!) {
  room(roomId: $roomId) {
    state(types: ["m.room.power_levels"]) {
      content
    }
    members {
      userId
    }
  }
}
    `) as unknown as TypedDocumentString<PowerLevelsQuery, PowerLevelsQueryVariables>;
export const ExtremitiesDocument = new TypedDocumentString(`
    query Extremities($roomId: ID!) {
  room(roomId: $roomId) {
    forwardExtremities {
      count
      results {
        eventId
        stateGroup
        depth
        receivedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExtremitiesQuery, ExtremitiesQueryVariables>;
export const DeleteExtremitiesDocument = new TypedDocumentString(`
    mutation DeleteExtremities($roomId: ID!) {
  deleteForwardExtremities(roomId: $roomId)
}
    `) as unknown as TypedDocumentString<DeleteExtremitiesMutation, DeleteExtremitiesMutationVariables>;
export const ContextDocument = new TypedDocumentString(`
    query Context($roomId: ID!, $eventId: ID!, $limit: Int) {
  room(roomId: $roomId) {
    eventContext(eventId: $eventId, limit: $limit) {
      event {
        eventId
        type
        sender
        stateKey
        originServerTs
        content
      }
      eventsBefore {
        eventId
        type
        originServerTs
      }
      eventsAfter {
        eventId
        type
        originServerTs
      }
      state {
        type
        stateKey
      }
    }
    state(types: ["m.room.name", "m.room.create"]) {
      eventId
      type
    }
  }
}
    `) as unknown as TypedDocumentString<ContextQuery, ContextQueryVariables>;
export const ReplicaDeleteDocument = new TypedDocumentString(`
    mutation ReplicaDelete($roomId: ID!) {
  deleteRoom(roomId: $roomId) {
    deleteId
    status
  }
}
    `) as unknown as TypedDocumentString<ReplicaDeleteMutation, ReplicaDeleteMutationVariables>;
export const ReplicaPlanDocument = new TypedDocumentString(`
    mutation ReplicaPlan($options: PurgeEmptyRoomsOptions) {
  planPurgeEmptyRooms(options: $options) {
    id
    items(first: 100) {
      edges {
        node {
          target
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReplicaPlanMutation, ReplicaPlanMutationVariables>;
export const ReplicaStartJobDocument = new TypedDocumentString(`
    mutation ReplicaStartJob($id: ID!) {
  startJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReplicaStartJobMutation, ReplicaStartJobMutationVariables>;
export const ReplicaPauseJobDocument = new TypedDocumentString(`
    mutation ReplicaPauseJob($id: ID!) {
  pauseJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReplicaPauseJobMutation, ReplicaPauseJobMutationVariables>;
export const ReplicaResumeJobDocument = new TypedDocumentString(`
    mutation ReplicaResumeJob($id: ID!) {
  resumeJob(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReplicaResumeJobMutation, ReplicaResumeJobMutationVariables>;
export const ReplicaJobDocument = new TypedDocumentString(`
    query ReplicaJob($id: ID!) {
  job(id: $id) {
    id
    status
    progress {
      total
      pending
      running
      done
    }
  }
}
    `) as unknown as TypedDocumentString<ReplicaJobQuery, ReplicaJobQueryVariables>;
export const ReplicaEmptyRoomsDocument = new TypedDocumentString(`
    query ReplicaEmptyRooms {
  rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) {
    edges {
      node {
        roomId
        joinedLocalMembers
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReplicaEmptyRoomsQuery, ReplicaEmptyRoomsQueryVariables>;
export const RoomPageDocument = new TypedDocumentString(`
    query RoomPage($first: Int, $after: String, $last: Int, $before: String, $orderBy: RoomOrderField, $direction: OrderDirection, $search: String, $public: Boolean, $empty: Boolean) {
  rooms(
    first: $first
    after: $after
    last: $last
    before: $before
    orderBy: $orderBy
    direction: $direction
    search: $search
    public: $public
    empty: $empty
  ) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    edges {
      cursor
      node {
        roomId
        name
        joinedMembers
        public
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RoomPageQuery, RoomPageQueryVariables>;
export const RoomDetailsDocument = new TypedDocumentString(`
    query RoomDetails($roomId: ID!) {
  room(roomId: $roomId) {
    roomId
    name
    canonicalAlias
    topic
    avatar
    joinedMembers
    joinedLocalMembers
    joinedLocalDevices
    version
    creator
    encryption
    federatable
    public
    joinRules
    guestAccess
    historyVisibility
    stateEvents
    roomType
    isSpace
    forgotten
    tombstoned
    replacementRoom
    servers
    members {
      userId
      server
      isLocal
      displayName
      avatarUrl
      user {
        userId
        displayName
        admin
        deactivated
        erased
        locked
        shadowBanned
        isGuest
        userType
        createdAt
        lastSeenAt
      }
    }
    state(types: ["m.room.create", "m.room.name"]) {
      eventId
      type
      stateKey
      sender
      originServerTs
      content
    }
    block {
      blocked
      blockedBy
    }
    deleteTasks {
      deleteId
      status
    }
  }
}
    `) as unknown as TypedDocumentString<RoomDetailsQuery, RoomDetailsQueryVariables>;
export const UnknownsDocument = new TypedDocumentString(`
    query Unknowns($roomId: ID!, $deleteId: ID!) {
  room(roomId: $roomId) {
    roomId
  }
  deleteTask(deleteId: $deleteId) {
    deleteId
  }
}
    `) as unknown as TypedDocumentString<UnknownsQuery, UnknownsQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    userId
    isAdmin
  }
  serverVersion
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const TasksDocument = new TypedDocumentString(`
    query Tasks($actionName: [String!], $resourceId: String, $status: [ScheduledTaskStatus!], $since: DateTime, $until: DateTime) {
  scheduledTasks(
    actionName: $actionName
    resourceId: $resourceId
    status: $status
    since: $since
    until: $until
  ) {
    id
    action
    status
    rawStatus
    resourceId
    updatedAt
    result
    error
  }
}
    `) as unknown as TypedDocumentString<TasksQuery, TasksQueryVariables>;
export const StartDeleteDocument = new TypedDocumentString(`
    mutation StartDelete($roomId: ID!) {
  deleteRoom(roomId: $roomId) {
    deleteId
    status
  }
}
    `) as unknown as TypedDocumentString<StartDeleteMutation, StartDeleteMutationVariables>;
export const WatchOneDocument = new TypedDocumentString(`
    subscription WatchOne($deleteId: ID!) {
  deleteTask(deleteId: $deleteId) {
    deleteId
    roomId
    status
    isTerminal
    error
    shutdownRoom {
      kickedUsers
      newRoomId
    }
  }
}
    `) as unknown as TypedDocumentString<WatchOneSubscription, WatchOneSubscriptionVariables>;
export const WatchManyDocument = new TypedDocumentString(`
    subscription WatchMany($deleteIds: [ID!]!) {
  deleteTasks(deleteIds: $deleteIds) {
    deleteId
    status
    isTerminal
  }
}
    `) as unknown as TypedDocumentString<WatchManySubscription, WatchManySubscriptionVariables>;
export const RoomNameDocument = new TypedDocumentString(`
    query RoomName($roomId: ID!) {
  room(roomId: $roomId) {
    name
  }
}
    `) as unknown as TypedDocumentString<RoomNameQuery, RoomNameQueryVariables>;
export const TaskStatusDocument = new TypedDocumentString(`
    query TaskStatus($deleteId: ID!) {
  deleteTask(deleteId: $deleteId) {
    deleteId
    roomId
    status
    rawStatus
    isTerminal
    shutdownRoom {
      kickedUsers
    }
  }
}
    `) as unknown as TypedDocumentString<TaskStatusQuery, TaskStatusQueryVariables>;
export const ListAllDocument = new TypedDocumentString(`
    query ListAll {
  rooms(first: 5) {
    totalCount
    edges {
      node {
        roomId
        joinRules
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ListAllQuery, ListAllQueryVariables>;
export const AccountDocument = new TypedDocumentString(`
    query Account($userId: ID!) {
  user(userId: $userId) {
    userId
    admin
    deactivated
    erased
    locked
    suspended
    shadowBanned
    displayName
    devices {
      deviceId
    }
    joinedRooms {
      roomId
    }
    rateLimit {
      messagesPerSecond
      burstCount
    }
  }
}
    `) as unknown as TypedDocumentString<AccountQuery, AccountQueryVariables>;
export const SetAdminDocument = new TypedDocumentString(`
    mutation SetAdmin($userId: ID!, $admin: Boolean!) {
  setUserAdmin(userId: $userId, admin: $admin) {
    userId
    admin
  }
}
    `) as unknown as TypedDocumentString<SetAdminMutation, SetAdminMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($userId: ID!, $newPassword: String!, $logoutDevices: Boolean) {
  resetPassword(
    userId: $userId
    newPassword: $newPassword
    logoutDevices: $logoutDevices
  ) {
    userId
    devices {
      deviceId
    }
  }
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const LockDocument = new TypedDocumentString(`
    mutation Lock($userId: ID!) {
  lockUser(userId: $userId) {
    userId
    locked
  }
}
    `) as unknown as TypedDocumentString<LockMutation, LockMutationVariables>;
export const UnlockDocument = new TypedDocumentString(`
    mutation Unlock($userId: ID!) {
  unlockUser(userId: $userId) {
    userId
    locked
  }
}
    `) as unknown as TypedDocumentString<UnlockMutation, UnlockMutationVariables>;
export const SuspendDocument = new TypedDocumentString(`
    mutation Suspend($userId: ID!) {
  suspendUser(userId: $userId) {
    userId
    suspended
  }
}
    `) as unknown as TypedDocumentString<SuspendMutation, SuspendMutationVariables>;
export const UnsuspendDocument = new TypedDocumentString(`
    mutation Unsuspend($userId: ID!) {
  unsuspendUser(userId: $userId) {
    userId
    suspended
  }
}
    `) as unknown as TypedDocumentString<UnsuspendMutation, UnsuspendMutationVariables>;
export const ShadowBanDocument = new TypedDocumentString(`
    mutation ShadowBan($userId: ID!, $banned: Boolean!) {
  setShadowBanned(userId: $userId, banned: $banned) {
    userId
    shadowBanned
  }
}
    `) as unknown as TypedDocumentString<ShadowBanMutation, ShadowBanMutationVariables>;
export const DeleteDeviceDocument = new TypedDocumentString(`
    mutation DeleteDevice($userId: ID!, $deviceId: ID!) {
  deleteDevice(userId: $userId, deviceId: $deviceId) {
    userId
    devices {
      deviceId
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteDeviceMutation, DeleteDeviceMutationVariables>;
export const JoinUserDocument = new TypedDocumentString(`
    mutation JoinUser($roomIdOrAlias: ID!, $userId: ID!) {
  joinUserToRoom(roomIdOrAlias: $roomIdOrAlias, userId: $userId) {
    userId
    joinedRooms {
      roomId
    }
  }
}
    `) as unknown as TypedDocumentString<JoinUserMutation, JoinUserMutationVariables>;
export const SetRateLimitDocument = new TypedDocumentString(`
    mutation SetRateLimit($userId: ID!, $messagesPerSecond: Int!, $burstCount: Int!) {
  setRateLimit(
    userId: $userId
    messagesPerSecond: $messagesPerSecond
    burstCount: $burstCount
  ) {
    userId
    rateLimit {
      messagesPerSecond
      burstCount
    }
  }
}
    `) as unknown as TypedDocumentString<SetRateLimitMutation, SetRateLimitMutationVariables>;
export const ClearRateLimitDocument = new TypedDocumentString(`
    mutation ClearRateLimit($userId: ID!) {
  clearRateLimit(userId: $userId) {
    userId
    rateLimit {
      messagesPerSecond
    }
  }
}
    `) as unknown as TypedDocumentString<ClearRateLimitMutation, ClearRateLimitMutationVariables>;
export const DeactivateDocument = new TypedDocumentString(`
    mutation Deactivate($userId: ID!, $erase: Boolean) {
  deactivateUser(userId: $userId, erase: $erase) {
    userId
    deactivated
    erased
    displayName
    devices {
      deviceId
    }
  }
}
    `) as unknown as TypedDocumentString<DeactivateMutation, DeactivateMutationVariables>;
export const UserPageDocument = new TypedDocumentString(`
    query UserPage($first: Int, $after: String, $last: Int, $before: String, $search: String, $userId: String, $guests: Boolean, $deactivated: DeactivatedFilter, $admins: Boolean, $locked: Boolean, $excludeUserTypes: [String!], $orderBy: UserOrderField, $direction: OrderDirection) {
  users(
    first: $first
    after: $after
    last: $last
    before: $before
    search: $search
    userId: $userId
    guests: $guests
    deactivated: $deactivated
    admins: $admins
    locked: $locked
    excludeUserTypes: $excludeUserTypes
    orderBy: $orderBy
    direction: $direction
  ) {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      endCursor
    }
    edges {
      node {
        userId
        displayName
        admin
        deactivated
        locked
        isGuest
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UserPageQuery, UserPageQueryVariables>;
export const UserDetailsDocument = new TypedDocumentString(`
    query UserDetails($userId: ID!) {
  user(userId: $userId) {
    userId
    displayName
    avatarUrl
    admin
    deactivated
    erased
    locked
    shadowBanned
    isGuest
    userType
    createdAt
    lastSeenAt
    suspended
    appserviceId
    threepids {
      medium
      address
      validatedAt
      addedAt
    }
    externalIds {
      authProvider
      externalId
    }
    consent {
      version
      acceptedAt
    }
    joinedRooms {
      roomId
      name
    }
    memberships {
      room {
        roomId
      }
      membership
    }
    devices {
      deviceId
      displayName
      lastSeenIp
      lastSeenUserAgent
      lastSeenAt
    }
    sessions {
      ip
      userAgent
      lastSeenAt
    }
    pushers {
      kind
      appId
      appDisplayName
      deviceDisplayName
      pushkey
      lang
      profileTag
      data
      enabled
      deviceId
    }
    media(first: 10) {
      totalCount
      edges {
        node {
          mediaId
          mediaType
          mediaLength
          uploadName
          createdAt
          lastAccessedAt
          quarantinedBy
          safeFromQuarantine
        }
      }
    }
    accountData {
      global
      rooms
    }
    rateLimit {
      messagesPerSecond
      burstCount
    }
  }
}
    `) as unknown as TypedDocumentString<UserDetailsQuery, UserDetailsQueryVariables>;
export const UserFlagsDocument = new TypedDocumentString(`
    query UserFlags($userId: ID!) {
  user(userId: $userId) {
    userId
    admin
    deactivated
    locked
    isGuest
    displayName
  }
}
    `) as unknown as TypedDocumentString<UserFlagsQuery, UserFlagsQueryVariables>;