/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ScriptDeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {\n    deleteRoom(roomId: $roomId, options: $options) { deleteId status }\n  }\n": typeof types.ScriptDeleteRoomDocument,
    "\n  query ExportProfile($userId: ID!) {\n    user(userId: $userId) {\n      userId displayName avatarUrl admin deactivated erased locked suspended shadowBanned isGuest userType appserviceId\n      createdAt lastSeenAt\n      consent { version acceptedAt }\n      threepids { medium address validatedAt addedAt }\n      externalIds { authProvider externalId }\n      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }\n      sessions { ip userAgent lastSeenAt }\n      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }\n      accountData { global rooms }\n      rateLimit { messagesPerSecond burstCount }\n      memberships { room { roomId } membership }\n    }\n  }\n": typeof types.ExportProfileDocument,
    "\n  query ExportMedia($userId: ID!, $after: String) {\n    user(userId: $userId) {\n      media(first: 1000, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }\n      }\n    }\n  }\n": typeof types.ExportMediaDocument,
    "\n  query ExportRoomEvents($roomId: ID!, $from: String) {\n    room(roomId: $roomId) {\n      messages(from: $from, limit: 1000) { end events { type stateKey json } }\n    }\n  }\n": typeof types.ExportRoomEventsDocument,
    "\n  fragment ScriptJobFields on Job {\n    id kind status phase dryRun createdBy createdAt startedAt finishedAt options error\n    progress { total pending running done failed skipped cancelled }\n    adminsToHandle { userId }\n  }\n": typeof types.ScriptJobFieldsFragmentDoc,
    "\n  mutation ScriptPlanPurgeEmptyRooms($options: PurgeEmptyRoomsOptions) {\n    planPurgeEmptyRooms(options: $options) { ...ScriptJobFields }\n  }\n": typeof types.ScriptPlanPurgeEmptyRoomsDocument,
    "\n  mutation ScriptPlanDecommission($options: DecommissionOptions) {\n    planDecommission(options: $options) { ...ScriptJobFields }\n  }\n": typeof types.ScriptPlanDecommissionDocument,
    "\n  mutation ScriptStartJob($id: ID!) { startJob(id: $id) { ...ScriptJobFields } }\n": typeof types.ScriptStartJobDocument,
    "\n  mutation ScriptResumeJob($id: ID!) { resumeJob(id: $id) { ...ScriptJobFields } }\n": typeof types.ScriptResumeJobDocument,
    "\n  query ScriptJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }\n": typeof types.ScriptJobDocument,
    "\n  query ScriptJobItems($id: ID!, $after: String, $status: JobItemStatus) {\n    job(id: $id) {\n      items(first: 1000, after: $after, status: $status) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { target action phase status attempts error skippedReason review } }\n      }\n    }\n  }\n": typeof types.ScriptJobItemsDocument,
    "\n  subscription ScriptFollowJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }\n": typeof types.ScriptFollowJobDocument,
    "\n  query AuditFor($target: String, $action: String, $actor: String, $first: Int, $after: String) {\n    auditLog(target: $target, action: $action, actor: $actor, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id at actor action target arguments outcome errorCode message requestId jobId recovery } }\n    }\n  }\n": typeof types.AuditForDocument,
    "mutation AuditedDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId } }": typeof types.AuditedDeleteDocument,
    "mutation AuditedReset($userId: ID!, $password: String!) { resetPassword(userId: $userId, newPassword: $password) { userId } }": typeof types.AuditedResetDocument,
    "mutation AuditedDeactivate($userId: ID!) { deactivateUser(userId: $userId) { userId deactivated } }": typeof types.AuditedDeactivateDocument,
    "mutation AuditedBlock($roomId: ID!) { blockRoom(roomId: $roomId) { blocked } }": typeof types.AuditedBlockDocument,
    "query AuditJobs { jobs(first: 5) { totalCount } }": typeof types.AuditJobsDocument,
    "mutation PlanAsNobody { planPurgeEmptyRooms { id } }": typeof types.PlanAsNobodyDocument,
    "\n  query RoomsAndViewer($roomId: ID!) {\n    viewer { userId isAdmin }\n    room(roomId: $roomId) { name members { userId } }\n  }\n": typeof types.RoomsAndViewerDocument,
    "\n  query DeleteTaskQuery($deleteId: ID!) {\n    deleteTask(deleteId: $deleteId) {\n      deleteId roomId status rawStatus isTerminal error\n      shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId }\n    }\n  }\n": typeof types.DeleteTaskQueryDocument,
    "\n  query RoomTasks($roomId: ID!) {\n    room(roomId: $roomId) { joinedMembers deleteTasks { deleteId roomId status isTerminal error shutdownRoom { kickedUsers } } }\n  }\n": typeof types.RoomTasksDocument,
    "\n  query Reports($first: Int, $after: String, $roomId: String, $userId: String, $senderUserId: String, $direction: OrderDirection) {\n    eventReports(first: $first, after: $after, roomId: $roomId, userId: $userId, senderUserId: $senderUserId, direction: $direction) {\n      totalCount\n      edges { node { id receivedAt roomId roomName canonicalAlias eventId reporterUserId senderUserId reason score } }\n    }\n  }\n": typeof types.ReportsDocument,
    "\n  query Report($id: ID!) {\n    eventReport(id: $id) {\n      id eventId reason score senderUserId event\n      room { roomId name }\n      reporter { userId displayName }\n    }\n  }\n": typeof types.ReportDocument,
    "\n  mutation DeleteReport($id: ID!) { deleteEventReport(id: $id) }\n": typeof types.DeleteReportDocument,
    "\n  query Destinations($first: Int, $after: String, $search: String, $orderBy: DestinationOrderField, $direction: OrderDirection) {\n    destinations(first: $first, after: $after, search: $search, orderBy: $orderBy, direction: $direction) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing } }\n    }\n  }\n": typeof types.DestinationsDocument,
    "\n  query Destination($name: String!) {\n    destination(name: $name) {\n      name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing\n      rooms(first: 10) { totalCount edges { node { roomId name } } }\n    }\n  }\n": typeof types.DestinationDocument,
    "\n  mutation Reset($name: String!) { resetDestinationConnection(name: $name) { name isFailing retryInterval failureAt } }\n": typeof types.ResetDocument,
    "\n  mutation JobScriptsPlanPurge($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id status } }\n": typeof types.JobScriptsPlanPurgeDocument,
    "mutation JobScriptsStartJob($id: ID!) { startJob(id: $id) { id status } }": typeof types.JobScriptsStartJobDocument,
    "mutation JobScriptsCancelJob($id: ID!) { cancelJob(id: $id) { id status } }": typeof types.JobScriptsCancelJobDocument,
    "query JobScriptsJobStatus($id: ID!) { job(id: $id) { id status progress { total done running } } }": typeof types.JobScriptsJobStatusDocument,
    "\n  query EmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }\n": typeof types.EmptyRoomsDocument,
    "\n  mutation PlanPurge($options: PurgeEmptyRoomsOptions) {\n    planPurgeEmptyRooms(options: $options) {\n      id kind status dryRun createdBy phase\n      progress { total pending }\n      items(first: 1000) { totalCount edges { node { target action status review } } }\n    }\n  }\n": typeof types.PlanPurgeDocument,
    "mutation StartJob($id: ID!) { startJob(id: $id) { id status dryRun startedAt } }": typeof types.StartJobDocument,
    "mutation PauseJob($id: ID!) { pauseJob(id: $id) { id status } }": typeof types.PauseJobDocument,
    "mutation ResumeJob($id: ID!) { resumeJob(id: $id) { id status } }": typeof types.ResumeJobDocument,
    "mutation CancelJob($id: ID!) { cancelJob(id: $id) { id status } }": typeof types.CancelJobDocument,
    "\n  query JobState($id: ID!) {\n    job(id: $id) {\n      id kind status phase error dryRun startedAt finishedAt\n      progress { total pending running done failed skipped cancelled }\n      items(first: 1000) { edges { node { target action phase status attempts deleteId error skippedReason startedAt finishedAt review } } }\n    }\n  }\n": typeof types.JobStateDocument,
    "\n  query JobAudit($jobId: ID!) {\n    auditLog(jobId: $jobId, first: 1000) { totalCount edges { node { actor action target arguments outcome errorCode message jobId recovery } } }\n  }\n": typeof types.JobAuditDocument,
    "\n  mutation PlanDecommission($options: DecommissionOptions) {\n    planDecommission(options: $options) {\n      id kind status phase\n      adminsToHandle { userId }\n      items(first: 1000) { edges { node { target action status review } } }\n    }\n  }\n": typeof types.PlanDecommissionDocument,
    "query AllUsers { users(first: 1000, guests: true, locked: true) { edges { node { userId } } } }": typeof types.AllUsersDocument,
    "query UserState($userId: ID!) { user(userId: $userId) { userId deactivated erased admin } }": typeof types.UserStateDocument,
    "query RoomExists($roomId: ID!) { room(roomId: $roomId) { roomId joinedLocalMembers } }": typeof types.RoomExistsDocument,
    "mutation BlockRoom($roomId: ID!) { blockRoom(roomId: $roomId) { blocked blockedBy } }": typeof types.BlockRoomDocument,
    "mutation UnblockRoom($roomId: ID!) { unblockRoom(roomId: $roomId) { blocked blockedBy } }": typeof types.UnblockRoomDocument,
    "query RoomBlock($roomId: ID!) { room(roomId: $roomId) { block { blocked blockedBy } } }": typeof types.RoomBlockDocument,
    "\n  mutation DeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {\n    deleteRoom(roomId: $roomId, options: $options) { deleteId roomId status isTerminal shutdownRoom { kickedUsers newRoomId } }\n  }\n": typeof types.DeleteRoomDocument,
    "\n  query FollowTask($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId status isTerminal error shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId } } }\n": typeof types.FollowTaskDocument,
    "mutation MakeRoomAdmin($roomId: ID!, $userId: ID) { makeRoomAdmin(roomId: $roomId, userId: $userId) }": typeof types.MakeRoomAdminDocument,
    "query PowerLevels($roomId: ID!) { room(roomId: $roomId) { state(types: [\"m.room.power_levels\"]) { content } members { userId } } }": typeof types.PowerLevelsDocument,
    "\n  query Extremities($roomId: ID!) { room(roomId: $roomId) { forwardExtremities { count results { eventId stateGroup depth receivedAt } } } }\n": typeof types.ExtremitiesDocument,
    "mutation DeleteExtremities($roomId: ID!) { deleteForwardExtremities(roomId: $roomId) }": typeof types.DeleteExtremitiesDocument,
    "\n  query Context($roomId: ID!, $eventId: ID!, $limit: Int) {\n    room(roomId: $roomId) {\n      eventContext(eventId: $eventId, limit: $limit) {\n        event { eventId type sender stateKey originServerTs content }\n        eventsBefore { eventId type originServerTs }\n        eventsAfter { eventId type originServerTs }\n        state { type stateKey }\n      }\n      state(types: [\"m.room.name\", \"m.room.create\"]) { eventId type }\n    }\n  }\n": typeof types.ContextDocument,
    "mutation ReplicaDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }": typeof types.ReplicaDeleteDocument,
    "mutation ReplicaPlan($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id items(first: 100) { edges { node { target } } } } }": typeof types.ReplicaPlanDocument,
    "mutation ReplicaStartJob($id: ID!) { startJob(id: $id) { id status } }": typeof types.ReplicaStartJobDocument,
    "mutation ReplicaPauseJob($id: ID!) { pauseJob(id: $id) { id status } }": typeof types.ReplicaPauseJobDocument,
    "mutation ReplicaResumeJob($id: ID!) { resumeJob(id: $id) { id status } }": typeof types.ReplicaResumeJobDocument,
    "query ReplicaJob($id: ID!) { job(id: $id) { id status progress { total pending running done } } }": typeof types.ReplicaJobDocument,
    "query ReplicaEmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }": typeof types.ReplicaEmptyRoomsDocument,
    "\n  query RoomPage($first: Int, $after: String, $last: Int, $before: String, $orderBy: RoomOrderField, $direction: OrderDirection, $search: String, $public: Boolean, $empty: Boolean) {\n    rooms(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, direction: $direction, search: $search, public: $public, empty: $empty) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { roomId name joinedMembers public } }\n    }\n  }\n": typeof types.RoomPageDocument,
    "\n  query RoomDetails($roomId: ID!) {\n    room(roomId: $roomId) {\n      roomId name canonicalAlias topic avatar joinedMembers joinedLocalMembers joinedLocalDevices version creator\n      encryption federatable public joinRules guestAccess historyVisibility stateEvents roomType isSpace\n      forgotten tombstoned replacementRoom\n      servers\n      members { userId server isLocal displayName avatarUrl user { userId displayName admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt } }\n      state(types: [\"m.room.create\", \"m.room.name\"]) { eventId type stateKey sender originServerTs content }\n      block { blocked blockedBy }\n      deleteTasks { deleteId status }\n    }\n  }\n": typeof types.RoomDetailsDocument,
    "\n  query Unknowns($roomId: ID!, $deleteId: ID!) {\n    room(roomId: $roomId) { roomId }\n    deleteTask(deleteId: $deleteId) { deleteId }\n  }\n": typeof types.UnknownsDocument,
    "\n  query Viewer { viewer { userId isAdmin } serverVersion }\n": typeof types.ViewerDocument,
    "\n  query Tasks($actionName: [String!], $resourceId: String, $status: [ScheduledTaskStatus!], $since: DateTime, $until: DateTime) {\n    scheduledTasks(actionName: $actionName, resourceId: $resourceId, status: $status, since: $since, until: $until) {\n      id action status rawStatus resourceId updatedAt result error\n    }\n  }\n": typeof types.TasksDocument,
    "mutation StartDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }": typeof types.StartDeleteDocument,
    "subscription WatchOne($deleteId: ID!) {\n  deleteTask(deleteId: $deleteId) { deleteId roomId status isTerminal error shutdownRoom { kickedUsers newRoomId } }\n}": typeof types.WatchOneDocument,
    "subscription WatchMany($deleteIds: [ID!]!) { deleteTasks(deleteIds: $deleteIds) { deleteId status isTerminal } }": typeof types.WatchManyDocument,
    "\n  query RoomName($roomId: ID!) { room(roomId: $roomId) { name } }\n": typeof types.RoomNameDocument,
    "\n  query TaskStatus($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId roomId status rawStatus isTerminal shutdownRoom { kickedUsers } } }\n": typeof types.TaskStatusDocument,
    "\n  query ListAll { rooms(first: 5) { totalCount edges { node { roomId joinRules name } } } }\n": typeof types.ListAllDocument,
    "\n  query Account($userId: ID!) {\n    user(userId: $userId) {\n      userId admin deactivated erased locked suspended shadowBanned displayName\n      devices { deviceId }\n      joinedRooms { roomId }\n      rateLimit { messagesPerSecond burstCount }\n    }\n  }\n": typeof types.AccountDocument,
    "\n  mutation SetAdmin($userId: ID!, $admin: Boolean!) { setUserAdmin(userId: $userId, admin: $admin) { userId admin } }\n": typeof types.SetAdminDocument,
    "\n  mutation ResetPassword($userId: ID!, $newPassword: String!, $logoutDevices: Boolean) {\n    resetPassword(userId: $userId, newPassword: $newPassword, logoutDevices: $logoutDevices) { userId devices { deviceId } }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation Lock($userId: ID!) { lockUser(userId: $userId) { userId locked } }\n": typeof types.LockDocument,
    "\n  mutation Unlock($userId: ID!) { unlockUser(userId: $userId) { userId locked } }\n": typeof types.UnlockDocument,
    "\n  mutation Suspend($userId: ID!) { suspendUser(userId: $userId) { userId suspended } }\n": typeof types.SuspendDocument,
    "\n  mutation Unsuspend($userId: ID!) { unsuspendUser(userId: $userId) { userId suspended } }\n": typeof types.UnsuspendDocument,
    "\n  mutation ShadowBan($userId: ID!, $banned: Boolean!) { setShadowBanned(userId: $userId, banned: $banned) { userId shadowBanned } }\n": typeof types.ShadowBanDocument,
    "\n  mutation DeleteDevice($userId: ID!, $deviceId: ID!) { deleteDevice(userId: $userId, deviceId: $deviceId) { userId devices { deviceId } } }\n": typeof types.DeleteDeviceDocument,
    "\n  mutation JoinUser($roomIdOrAlias: ID!, $userId: ID!) { joinUserToRoom(roomIdOrAlias: $roomIdOrAlias, userId: $userId) { userId joinedRooms { roomId } } }\n": typeof types.JoinUserDocument,
    "\n  mutation SetRateLimit($userId: ID!, $messagesPerSecond: Int!, $burstCount: Int!) {\n    setRateLimit(userId: $userId, messagesPerSecond: $messagesPerSecond, burstCount: $burstCount) { userId rateLimit { messagesPerSecond burstCount } }\n  }\n": typeof types.SetRateLimitDocument,
    "\n  mutation ClearRateLimit($userId: ID!) { clearRateLimit(userId: $userId) { userId rateLimit { messagesPerSecond } } }\n": typeof types.ClearRateLimitDocument,
    "\n  mutation Deactivate($userId: ID!, $erase: Boolean) { deactivateUser(userId: $userId, erase: $erase) { userId deactivated erased displayName devices { deviceId } } }\n": typeof types.DeactivateDocument,
    "\n  query UserPage(\n    $first: Int, $after: String, $last: Int, $before: String, $search: String, $userId: String, $guests: Boolean,\n    $deactivated: DeactivatedFilter, $admins: Boolean, $locked: Boolean, $excludeUserTypes: [String!],\n    $orderBy: UserOrderField, $direction: OrderDirection\n  ) {\n    users(\n      first: $first, after: $after, last: $last, before: $before, search: $search, userId: $userId, guests: $guests,\n      deactivated: $deactivated, admins: $admins, locked: $locked, excludeUserTypes: $excludeUserTypes,\n      orderBy: $orderBy, direction: $direction\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node { userId displayName admin deactivated locked isGuest createdAt } }\n    }\n  }\n": typeof types.UserPageDocument,
    "\n  query UserDetails($userId: ID!) {\n    user(userId: $userId) {\n      userId displayName avatarUrl admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt\n      suspended appserviceId\n      threepids { medium address validatedAt addedAt }\n      externalIds { authProvider externalId }\n      consent { version acceptedAt }\n      joinedRooms { roomId name }\n      memberships { room { roomId } membership }\n      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }\n      sessions { ip userAgent lastSeenAt }\n      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }\n      media(first: 10) {\n        totalCount\n        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }\n      }\n      accountData { global rooms }\n      rateLimit { messagesPerSecond burstCount }\n    }\n  }\n": typeof types.UserDetailsDocument,
    "\n  query UserFlags($userId: ID!) {\n    user(userId: $userId) { userId admin deactivated locked isGuest displayName }\n  }\n": typeof types.UserFlagsDocument,
};
const documents: Documents = {
    "\n  mutation ScriptDeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {\n    deleteRoom(roomId: $roomId, options: $options) { deleteId status }\n  }\n": types.ScriptDeleteRoomDocument,
    "\n  query ExportProfile($userId: ID!) {\n    user(userId: $userId) {\n      userId displayName avatarUrl admin deactivated erased locked suspended shadowBanned isGuest userType appserviceId\n      createdAt lastSeenAt\n      consent { version acceptedAt }\n      threepids { medium address validatedAt addedAt }\n      externalIds { authProvider externalId }\n      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }\n      sessions { ip userAgent lastSeenAt }\n      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }\n      accountData { global rooms }\n      rateLimit { messagesPerSecond burstCount }\n      memberships { room { roomId } membership }\n    }\n  }\n": types.ExportProfileDocument,
    "\n  query ExportMedia($userId: ID!, $after: String) {\n    user(userId: $userId) {\n      media(first: 1000, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }\n      }\n    }\n  }\n": types.ExportMediaDocument,
    "\n  query ExportRoomEvents($roomId: ID!, $from: String) {\n    room(roomId: $roomId) {\n      messages(from: $from, limit: 1000) { end events { type stateKey json } }\n    }\n  }\n": types.ExportRoomEventsDocument,
    "\n  fragment ScriptJobFields on Job {\n    id kind status phase dryRun createdBy createdAt startedAt finishedAt options error\n    progress { total pending running done failed skipped cancelled }\n    adminsToHandle { userId }\n  }\n": types.ScriptJobFieldsFragmentDoc,
    "\n  mutation ScriptPlanPurgeEmptyRooms($options: PurgeEmptyRoomsOptions) {\n    planPurgeEmptyRooms(options: $options) { ...ScriptJobFields }\n  }\n": types.ScriptPlanPurgeEmptyRoomsDocument,
    "\n  mutation ScriptPlanDecommission($options: DecommissionOptions) {\n    planDecommission(options: $options) { ...ScriptJobFields }\n  }\n": types.ScriptPlanDecommissionDocument,
    "\n  mutation ScriptStartJob($id: ID!) { startJob(id: $id) { ...ScriptJobFields } }\n": types.ScriptStartJobDocument,
    "\n  mutation ScriptResumeJob($id: ID!) { resumeJob(id: $id) { ...ScriptJobFields } }\n": types.ScriptResumeJobDocument,
    "\n  query ScriptJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }\n": types.ScriptJobDocument,
    "\n  query ScriptJobItems($id: ID!, $after: String, $status: JobItemStatus) {\n    job(id: $id) {\n      items(first: 1000, after: $after, status: $status) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { target action phase status attempts error skippedReason review } }\n      }\n    }\n  }\n": types.ScriptJobItemsDocument,
    "\n  subscription ScriptFollowJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }\n": types.ScriptFollowJobDocument,
    "\n  query AuditFor($target: String, $action: String, $actor: String, $first: Int, $after: String) {\n    auditLog(target: $target, action: $action, actor: $actor, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id at actor action target arguments outcome errorCode message requestId jobId recovery } }\n    }\n  }\n": types.AuditForDocument,
    "mutation AuditedDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId } }": types.AuditedDeleteDocument,
    "mutation AuditedReset($userId: ID!, $password: String!) { resetPassword(userId: $userId, newPassword: $password) { userId } }": types.AuditedResetDocument,
    "mutation AuditedDeactivate($userId: ID!) { deactivateUser(userId: $userId) { userId deactivated } }": types.AuditedDeactivateDocument,
    "mutation AuditedBlock($roomId: ID!) { blockRoom(roomId: $roomId) { blocked } }": types.AuditedBlockDocument,
    "query AuditJobs { jobs(first: 5) { totalCount } }": types.AuditJobsDocument,
    "mutation PlanAsNobody { planPurgeEmptyRooms { id } }": types.PlanAsNobodyDocument,
    "\n  query RoomsAndViewer($roomId: ID!) {\n    viewer { userId isAdmin }\n    room(roomId: $roomId) { name members { userId } }\n  }\n": types.RoomsAndViewerDocument,
    "\n  query DeleteTaskQuery($deleteId: ID!) {\n    deleteTask(deleteId: $deleteId) {\n      deleteId roomId status rawStatus isTerminal error\n      shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId }\n    }\n  }\n": types.DeleteTaskQueryDocument,
    "\n  query RoomTasks($roomId: ID!) {\n    room(roomId: $roomId) { joinedMembers deleteTasks { deleteId roomId status isTerminal error shutdownRoom { kickedUsers } } }\n  }\n": types.RoomTasksDocument,
    "\n  query Reports($first: Int, $after: String, $roomId: String, $userId: String, $senderUserId: String, $direction: OrderDirection) {\n    eventReports(first: $first, after: $after, roomId: $roomId, userId: $userId, senderUserId: $senderUserId, direction: $direction) {\n      totalCount\n      edges { node { id receivedAt roomId roomName canonicalAlias eventId reporterUserId senderUserId reason score } }\n    }\n  }\n": types.ReportsDocument,
    "\n  query Report($id: ID!) {\n    eventReport(id: $id) {\n      id eventId reason score senderUserId event\n      room { roomId name }\n      reporter { userId displayName }\n    }\n  }\n": types.ReportDocument,
    "\n  mutation DeleteReport($id: ID!) { deleteEventReport(id: $id) }\n": types.DeleteReportDocument,
    "\n  query Destinations($first: Int, $after: String, $search: String, $orderBy: DestinationOrderField, $direction: OrderDirection) {\n    destinations(first: $first, after: $after, search: $search, orderBy: $orderBy, direction: $direction) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing } }\n    }\n  }\n": types.DestinationsDocument,
    "\n  query Destination($name: String!) {\n    destination(name: $name) {\n      name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing\n      rooms(first: 10) { totalCount edges { node { roomId name } } }\n    }\n  }\n": types.DestinationDocument,
    "\n  mutation Reset($name: String!) { resetDestinationConnection(name: $name) { name isFailing retryInterval failureAt } }\n": types.ResetDocument,
    "\n  mutation JobScriptsPlanPurge($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id status } }\n": types.JobScriptsPlanPurgeDocument,
    "mutation JobScriptsStartJob($id: ID!) { startJob(id: $id) { id status } }": types.JobScriptsStartJobDocument,
    "mutation JobScriptsCancelJob($id: ID!) { cancelJob(id: $id) { id status } }": types.JobScriptsCancelJobDocument,
    "query JobScriptsJobStatus($id: ID!) { job(id: $id) { id status progress { total done running } } }": types.JobScriptsJobStatusDocument,
    "\n  query EmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }\n": types.EmptyRoomsDocument,
    "\n  mutation PlanPurge($options: PurgeEmptyRoomsOptions) {\n    planPurgeEmptyRooms(options: $options) {\n      id kind status dryRun createdBy phase\n      progress { total pending }\n      items(first: 1000) { totalCount edges { node { target action status review } } }\n    }\n  }\n": types.PlanPurgeDocument,
    "mutation StartJob($id: ID!) { startJob(id: $id) { id status dryRun startedAt } }": types.StartJobDocument,
    "mutation PauseJob($id: ID!) { pauseJob(id: $id) { id status } }": types.PauseJobDocument,
    "mutation ResumeJob($id: ID!) { resumeJob(id: $id) { id status } }": types.ResumeJobDocument,
    "mutation CancelJob($id: ID!) { cancelJob(id: $id) { id status } }": types.CancelJobDocument,
    "\n  query JobState($id: ID!) {\n    job(id: $id) {\n      id kind status phase error dryRun startedAt finishedAt\n      progress { total pending running done failed skipped cancelled }\n      items(first: 1000) { edges { node { target action phase status attempts deleteId error skippedReason startedAt finishedAt review } } }\n    }\n  }\n": types.JobStateDocument,
    "\n  query JobAudit($jobId: ID!) {\n    auditLog(jobId: $jobId, first: 1000) { totalCount edges { node { actor action target arguments outcome errorCode message jobId recovery } } }\n  }\n": types.JobAuditDocument,
    "\n  mutation PlanDecommission($options: DecommissionOptions) {\n    planDecommission(options: $options) {\n      id kind status phase\n      adminsToHandle { userId }\n      items(first: 1000) { edges { node { target action status review } } }\n    }\n  }\n": types.PlanDecommissionDocument,
    "query AllUsers { users(first: 1000, guests: true, locked: true) { edges { node { userId } } } }": types.AllUsersDocument,
    "query UserState($userId: ID!) { user(userId: $userId) { userId deactivated erased admin } }": types.UserStateDocument,
    "query RoomExists($roomId: ID!) { room(roomId: $roomId) { roomId joinedLocalMembers } }": types.RoomExistsDocument,
    "mutation BlockRoom($roomId: ID!) { blockRoom(roomId: $roomId) { blocked blockedBy } }": types.BlockRoomDocument,
    "mutation UnblockRoom($roomId: ID!) { unblockRoom(roomId: $roomId) { blocked blockedBy } }": types.UnblockRoomDocument,
    "query RoomBlock($roomId: ID!) { room(roomId: $roomId) { block { blocked blockedBy } } }": types.RoomBlockDocument,
    "\n  mutation DeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {\n    deleteRoom(roomId: $roomId, options: $options) { deleteId roomId status isTerminal shutdownRoom { kickedUsers newRoomId } }\n  }\n": types.DeleteRoomDocument,
    "\n  query FollowTask($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId status isTerminal error shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId } } }\n": types.FollowTaskDocument,
    "mutation MakeRoomAdmin($roomId: ID!, $userId: ID) { makeRoomAdmin(roomId: $roomId, userId: $userId) }": types.MakeRoomAdminDocument,
    "query PowerLevels($roomId: ID!) { room(roomId: $roomId) { state(types: [\"m.room.power_levels\"]) { content } members { userId } } }": types.PowerLevelsDocument,
    "\n  query Extremities($roomId: ID!) { room(roomId: $roomId) { forwardExtremities { count results { eventId stateGroup depth receivedAt } } } }\n": types.ExtremitiesDocument,
    "mutation DeleteExtremities($roomId: ID!) { deleteForwardExtremities(roomId: $roomId) }": types.DeleteExtremitiesDocument,
    "\n  query Context($roomId: ID!, $eventId: ID!, $limit: Int) {\n    room(roomId: $roomId) {\n      eventContext(eventId: $eventId, limit: $limit) {\n        event { eventId type sender stateKey originServerTs content }\n        eventsBefore { eventId type originServerTs }\n        eventsAfter { eventId type originServerTs }\n        state { type stateKey }\n      }\n      state(types: [\"m.room.name\", \"m.room.create\"]) { eventId type }\n    }\n  }\n": types.ContextDocument,
    "mutation ReplicaDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }": types.ReplicaDeleteDocument,
    "mutation ReplicaPlan($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id items(first: 100) { edges { node { target } } } } }": types.ReplicaPlanDocument,
    "mutation ReplicaStartJob($id: ID!) { startJob(id: $id) { id status } }": types.ReplicaStartJobDocument,
    "mutation ReplicaPauseJob($id: ID!) { pauseJob(id: $id) { id status } }": types.ReplicaPauseJobDocument,
    "mutation ReplicaResumeJob($id: ID!) { resumeJob(id: $id) { id status } }": types.ReplicaResumeJobDocument,
    "query ReplicaJob($id: ID!) { job(id: $id) { id status progress { total pending running done } } }": types.ReplicaJobDocument,
    "query ReplicaEmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }": types.ReplicaEmptyRoomsDocument,
    "\n  query RoomPage($first: Int, $after: String, $last: Int, $before: String, $orderBy: RoomOrderField, $direction: OrderDirection, $search: String, $public: Boolean, $empty: Boolean) {\n    rooms(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, direction: $direction, search: $search, public: $public, empty: $empty) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { roomId name joinedMembers public } }\n    }\n  }\n": types.RoomPageDocument,
    "\n  query RoomDetails($roomId: ID!) {\n    room(roomId: $roomId) {\n      roomId name canonicalAlias topic avatar joinedMembers joinedLocalMembers joinedLocalDevices version creator\n      encryption federatable public joinRules guestAccess historyVisibility stateEvents roomType isSpace\n      forgotten tombstoned replacementRoom\n      servers\n      members { userId server isLocal displayName avatarUrl user { userId displayName admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt } }\n      state(types: [\"m.room.create\", \"m.room.name\"]) { eventId type stateKey sender originServerTs content }\n      block { blocked blockedBy }\n      deleteTasks { deleteId status }\n    }\n  }\n": types.RoomDetailsDocument,
    "\n  query Unknowns($roomId: ID!, $deleteId: ID!) {\n    room(roomId: $roomId) { roomId }\n    deleteTask(deleteId: $deleteId) { deleteId }\n  }\n": types.UnknownsDocument,
    "\n  query Viewer { viewer { userId isAdmin } serverVersion }\n": types.ViewerDocument,
    "\n  query Tasks($actionName: [String!], $resourceId: String, $status: [ScheduledTaskStatus!], $since: DateTime, $until: DateTime) {\n    scheduledTasks(actionName: $actionName, resourceId: $resourceId, status: $status, since: $since, until: $until) {\n      id action status rawStatus resourceId updatedAt result error\n    }\n  }\n": types.TasksDocument,
    "mutation StartDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }": types.StartDeleteDocument,
    "subscription WatchOne($deleteId: ID!) {\n  deleteTask(deleteId: $deleteId) { deleteId roomId status isTerminal error shutdownRoom { kickedUsers newRoomId } }\n}": types.WatchOneDocument,
    "subscription WatchMany($deleteIds: [ID!]!) { deleteTasks(deleteIds: $deleteIds) { deleteId status isTerminal } }": types.WatchManyDocument,
    "\n  query RoomName($roomId: ID!) { room(roomId: $roomId) { name } }\n": types.RoomNameDocument,
    "\n  query TaskStatus($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId roomId status rawStatus isTerminal shutdownRoom { kickedUsers } } }\n": types.TaskStatusDocument,
    "\n  query ListAll { rooms(first: 5) { totalCount edges { node { roomId joinRules name } } } }\n": types.ListAllDocument,
    "\n  query Account($userId: ID!) {\n    user(userId: $userId) {\n      userId admin deactivated erased locked suspended shadowBanned displayName\n      devices { deviceId }\n      joinedRooms { roomId }\n      rateLimit { messagesPerSecond burstCount }\n    }\n  }\n": types.AccountDocument,
    "\n  mutation SetAdmin($userId: ID!, $admin: Boolean!) { setUserAdmin(userId: $userId, admin: $admin) { userId admin } }\n": types.SetAdminDocument,
    "\n  mutation ResetPassword($userId: ID!, $newPassword: String!, $logoutDevices: Boolean) {\n    resetPassword(userId: $userId, newPassword: $newPassword, logoutDevices: $logoutDevices) { userId devices { deviceId } }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation Lock($userId: ID!) { lockUser(userId: $userId) { userId locked } }\n": types.LockDocument,
    "\n  mutation Unlock($userId: ID!) { unlockUser(userId: $userId) { userId locked } }\n": types.UnlockDocument,
    "\n  mutation Suspend($userId: ID!) { suspendUser(userId: $userId) { userId suspended } }\n": types.SuspendDocument,
    "\n  mutation Unsuspend($userId: ID!) { unsuspendUser(userId: $userId) { userId suspended } }\n": types.UnsuspendDocument,
    "\n  mutation ShadowBan($userId: ID!, $banned: Boolean!) { setShadowBanned(userId: $userId, banned: $banned) { userId shadowBanned } }\n": types.ShadowBanDocument,
    "\n  mutation DeleteDevice($userId: ID!, $deviceId: ID!) { deleteDevice(userId: $userId, deviceId: $deviceId) { userId devices { deviceId } } }\n": types.DeleteDeviceDocument,
    "\n  mutation JoinUser($roomIdOrAlias: ID!, $userId: ID!) { joinUserToRoom(roomIdOrAlias: $roomIdOrAlias, userId: $userId) { userId joinedRooms { roomId } } }\n": types.JoinUserDocument,
    "\n  mutation SetRateLimit($userId: ID!, $messagesPerSecond: Int!, $burstCount: Int!) {\n    setRateLimit(userId: $userId, messagesPerSecond: $messagesPerSecond, burstCount: $burstCount) { userId rateLimit { messagesPerSecond burstCount } }\n  }\n": types.SetRateLimitDocument,
    "\n  mutation ClearRateLimit($userId: ID!) { clearRateLimit(userId: $userId) { userId rateLimit { messagesPerSecond } } }\n": types.ClearRateLimitDocument,
    "\n  mutation Deactivate($userId: ID!, $erase: Boolean) { deactivateUser(userId: $userId, erase: $erase) { userId deactivated erased displayName devices { deviceId } } }\n": types.DeactivateDocument,
    "\n  query UserPage(\n    $first: Int, $after: String, $last: Int, $before: String, $search: String, $userId: String, $guests: Boolean,\n    $deactivated: DeactivatedFilter, $admins: Boolean, $locked: Boolean, $excludeUserTypes: [String!],\n    $orderBy: UserOrderField, $direction: OrderDirection\n  ) {\n    users(\n      first: $first, after: $after, last: $last, before: $before, search: $search, userId: $userId, guests: $guests,\n      deactivated: $deactivated, admins: $admins, locked: $locked, excludeUserTypes: $excludeUserTypes,\n      orderBy: $orderBy, direction: $direction\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node { userId displayName admin deactivated locked isGuest createdAt } }\n    }\n  }\n": types.UserPageDocument,
    "\n  query UserDetails($userId: ID!) {\n    user(userId: $userId) {\n      userId displayName avatarUrl admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt\n      suspended appserviceId\n      threepids { medium address validatedAt addedAt }\n      externalIds { authProvider externalId }\n      consent { version acceptedAt }\n      joinedRooms { roomId name }\n      memberships { room { roomId } membership }\n      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }\n      sessions { ip userAgent lastSeenAt }\n      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }\n      media(first: 10) {\n        totalCount\n        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }\n      }\n      accountData { global rooms }\n      rateLimit { messagesPerSecond burstCount }\n    }\n  }\n": types.UserDetailsDocument,
    "\n  query UserFlags($userId: ID!) {\n    user(userId: $userId) { userId admin deactivated locked isGuest displayName }\n  }\n": types.UserFlagsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScriptDeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {\n    deleteRoom(roomId: $roomId, options: $options) { deleteId status }\n  }\n"): typeof import('./graphql.js').ScriptDeleteRoomDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportProfile($userId: ID!) {\n    user(userId: $userId) {\n      userId displayName avatarUrl admin deactivated erased locked suspended shadowBanned isGuest userType appserviceId\n      createdAt lastSeenAt\n      consent { version acceptedAt }\n      threepids { medium address validatedAt addedAt }\n      externalIds { authProvider externalId }\n      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }\n      sessions { ip userAgent lastSeenAt }\n      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }\n      accountData { global rooms }\n      rateLimit { messagesPerSecond burstCount }\n      memberships { room { roomId } membership }\n    }\n  }\n"): typeof import('./graphql.js').ExportProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportMedia($userId: ID!, $after: String) {\n    user(userId: $userId) {\n      media(first: 1000, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExportMediaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportRoomEvents($roomId: ID!, $from: String) {\n    room(roomId: $roomId) {\n      messages(from: $from, limit: 1000) { end events { type stateKey json } }\n    }\n  }\n"): typeof import('./graphql.js').ExportRoomEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScriptJobFields on Job {\n    id kind status phase dryRun createdBy createdAt startedAt finishedAt options error\n    progress { total pending running done failed skipped cancelled }\n    adminsToHandle { userId }\n  }\n"): typeof import('./graphql.js').ScriptJobFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScriptPlanPurgeEmptyRooms($options: PurgeEmptyRoomsOptions) {\n    planPurgeEmptyRooms(options: $options) { ...ScriptJobFields }\n  }\n"): typeof import('./graphql.js').ScriptPlanPurgeEmptyRoomsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScriptPlanDecommission($options: DecommissionOptions) {\n    planDecommission(options: $options) { ...ScriptJobFields }\n  }\n"): typeof import('./graphql.js').ScriptPlanDecommissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScriptStartJob($id: ID!) { startJob(id: $id) { ...ScriptJobFields } }\n"): typeof import('./graphql.js').ScriptStartJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScriptResumeJob($id: ID!) { resumeJob(id: $id) { ...ScriptJobFields } }\n"): typeof import('./graphql.js').ScriptResumeJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScriptJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }\n"): typeof import('./graphql.js').ScriptJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScriptJobItems($id: ID!, $after: String, $status: JobItemStatus) {\n    job(id: $id) {\n      items(first: 1000, after: $after, status: $status) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { target action phase status attempts error skippedReason review } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ScriptJobItemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScriptFollowJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }\n"): typeof import('./graphql.js').ScriptFollowJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditFor($target: String, $action: String, $actor: String, $first: Int, $after: String) {\n    auditLog(target: $target, action: $action, actor: $actor, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id at actor action target arguments outcome errorCode message requestId jobId recovery } }\n    }\n  }\n"): typeof import('./graphql.js').AuditForDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditedDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId } }"): typeof import('./graphql.js').AuditedDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditedReset($userId: ID!, $password: String!) { resetPassword(userId: $userId, newPassword: $password) { userId } }"): typeof import('./graphql.js').AuditedResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditedDeactivate($userId: ID!) { deactivateUser(userId: $userId) { userId deactivated } }"): typeof import('./graphql.js').AuditedDeactivateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditedBlock($roomId: ID!) { blockRoom(roomId: $roomId) { blocked } }"): typeof import('./graphql.js').AuditedBlockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditJobs { jobs(first: 5) { totalCount } }"): typeof import('./graphql.js').AuditJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PlanAsNobody { planPurgeEmptyRooms { id } }"): typeof import('./graphql.js').PlanAsNobodyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomsAndViewer($roomId: ID!) {\n    viewer { userId isAdmin }\n    room(roomId: $roomId) { name members { userId } }\n  }\n"): typeof import('./graphql.js').RoomsAndViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeleteTaskQuery($deleteId: ID!) {\n    deleteTask(deleteId: $deleteId) {\n      deleteId roomId status rawStatus isTerminal error\n      shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId }\n    }\n  }\n"): typeof import('./graphql.js').DeleteTaskQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomTasks($roomId: ID!) {\n    room(roomId: $roomId) { joinedMembers deleteTasks { deleteId roomId status isTerminal error shutdownRoom { kickedUsers } } }\n  }\n"): typeof import('./graphql.js').RoomTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reports($first: Int, $after: String, $roomId: String, $userId: String, $senderUserId: String, $direction: OrderDirection) {\n    eventReports(first: $first, after: $after, roomId: $roomId, userId: $userId, senderUserId: $senderUserId, direction: $direction) {\n      totalCount\n      edges { node { id receivedAt roomId roomName canonicalAlias eventId reporterUserId senderUserId reason score } }\n    }\n  }\n"): typeof import('./graphql.js').ReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Report($id: ID!) {\n    eventReport(id: $id) {\n      id eventId reason score senderUserId event\n      room { roomId name }\n      reporter { userId displayName }\n    }\n  }\n"): typeof import('./graphql.js').ReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteReport($id: ID!) { deleteEventReport(id: $id) }\n"): typeof import('./graphql.js').DeleteReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Destinations($first: Int, $after: String, $search: String, $orderBy: DestinationOrderField, $direction: OrderDirection) {\n    destinations(first: $first, after: $after, search: $search, orderBy: $orderBy, direction: $direction) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing } }\n    }\n  }\n"): typeof import('./graphql.js').DestinationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Destination($name: String!) {\n    destination(name: $name) {\n      name retryLastAt retryInterval failureAt lastSuccessfulStreamOrdering isFailing\n      rooms(first: 10) { totalCount edges { node { roomId name } } }\n    }\n  }\n"): typeof import('./graphql.js').DestinationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reset($name: String!) { resetDestinationConnection(name: $name) { name isFailing retryInterval failureAt } }\n"): typeof import('./graphql.js').ResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JobScriptsPlanPurge($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id status } }\n"): typeof import('./graphql.js').JobScriptsPlanPurgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JobScriptsStartJob($id: ID!) { startJob(id: $id) { id status } }"): typeof import('./graphql.js').JobScriptsStartJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JobScriptsCancelJob($id: ID!) { cancelJob(id: $id) { id status } }"): typeof import('./graphql.js').JobScriptsCancelJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JobScriptsJobStatus($id: ID!) { job(id: $id) { id status progress { total done running } } }"): typeof import('./graphql.js').JobScriptsJobStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }\n"): typeof import('./graphql.js').EmptyRoomsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlanPurge($options: PurgeEmptyRoomsOptions) {\n    planPurgeEmptyRooms(options: $options) {\n      id kind status dryRun createdBy phase\n      progress { total pending }\n      items(first: 1000) { totalCount edges { node { target action status review } } }\n    }\n  }\n"): typeof import('./graphql.js').PlanPurgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartJob($id: ID!) { startJob(id: $id) { id status dryRun startedAt } }"): typeof import('./graphql.js').StartJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PauseJob($id: ID!) { pauseJob(id: $id) { id status } }"): typeof import('./graphql.js').PauseJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResumeJob($id: ID!) { resumeJob(id: $id) { id status } }"): typeof import('./graphql.js').ResumeJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CancelJob($id: ID!) { cancelJob(id: $id) { id status } }"): typeof import('./graphql.js').CancelJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobState($id: ID!) {\n    job(id: $id) {\n      id kind status phase error dryRun startedAt finishedAt\n      progress { total pending running done failed skipped cancelled }\n      items(first: 1000) { edges { node { target action phase status attempts deleteId error skippedReason startedAt finishedAt review } } }\n    }\n  }\n"): typeof import('./graphql.js').JobStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobAudit($jobId: ID!) {\n    auditLog(jobId: $jobId, first: 1000) { totalCount edges { node { actor action target arguments outcome errorCode message jobId recovery } } }\n  }\n"): typeof import('./graphql.js').JobAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlanDecommission($options: DecommissionOptions) {\n    planDecommission(options: $options) {\n      id kind status phase\n      adminsToHandle { userId }\n      items(first: 1000) { edges { node { target action status review } } }\n    }\n  }\n"): typeof import('./graphql.js').PlanDecommissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllUsers { users(first: 1000, guests: true, locked: true) { edges { node { userId } } } }"): typeof import('./graphql.js').AllUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserState($userId: ID!) { user(userId: $userId) { userId deactivated erased admin } }"): typeof import('./graphql.js').UserStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RoomExists($roomId: ID!) { room(roomId: $roomId) { roomId joinedLocalMembers } }"): typeof import('./graphql.js').RoomExistsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlockRoom($roomId: ID!) { blockRoom(roomId: $roomId) { blocked blockedBy } }"): typeof import('./graphql.js').BlockRoomDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnblockRoom($roomId: ID!) { unblockRoom(roomId: $roomId) { blocked blockedBy } }"): typeof import('./graphql.js').UnblockRoomDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RoomBlock($roomId: ID!) { room(roomId: $roomId) { block { blocked blockedBy } } }"): typeof import('./graphql.js').RoomBlockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRoom($roomId: ID!, $options: DeleteRoomOptions) {\n    deleteRoom(roomId: $roomId, options: $options) { deleteId roomId status isTerminal shutdownRoom { kickedUsers newRoomId } }\n  }\n"): typeof import('./graphql.js').DeleteRoomDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowTask($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId status isTerminal error shutdownRoom { kickedUsers failedToKickUsers localAliases newRoomId } } }\n"): typeof import('./graphql.js').FollowTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MakeRoomAdmin($roomId: ID!, $userId: ID) { makeRoomAdmin(roomId: $roomId, userId: $userId) }"): typeof import('./graphql.js').MakeRoomAdminDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PowerLevels($roomId: ID!) { room(roomId: $roomId) { state(types: [\"m.room.power_levels\"]) { content } members { userId } } }"): typeof import('./graphql.js').PowerLevelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Extremities($roomId: ID!) { room(roomId: $roomId) { forwardExtremities { count results { eventId stateGroup depth receivedAt } } } }\n"): typeof import('./graphql.js').ExtremitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteExtremities($roomId: ID!) { deleteForwardExtremities(roomId: $roomId) }"): typeof import('./graphql.js').DeleteExtremitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Context($roomId: ID!, $eventId: ID!, $limit: Int) {\n    room(roomId: $roomId) {\n      eventContext(eventId: $eventId, limit: $limit) {\n        event { eventId type sender stateKey originServerTs content }\n        eventsBefore { eventId type originServerTs }\n        eventsAfter { eventId type originServerTs }\n        state { type stateKey }\n      }\n      state(types: [\"m.room.name\", \"m.room.create\"]) { eventId type }\n    }\n  }\n"): typeof import('./graphql.js').ContextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }"): typeof import('./graphql.js').ReplicaDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaPlan($options: PurgeEmptyRoomsOptions) { planPurgeEmptyRooms(options: $options) { id items(first: 100) { edges { node { target } } } } }"): typeof import('./graphql.js').ReplicaPlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaStartJob($id: ID!) { startJob(id: $id) { id status } }"): typeof import('./graphql.js').ReplicaStartJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaPauseJob($id: ID!) { pauseJob(id: $id) { id status } }"): typeof import('./graphql.js').ReplicaPauseJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaResumeJob($id: ID!) { resumeJob(id: $id) { id status } }"): typeof import('./graphql.js').ReplicaResumeJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaJob($id: ID!) { job(id: $id) { id status progress { total pending running done } } }"): typeof import('./graphql.js').ReplicaJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaEmptyRooms { rooms(first: 1000, orderBy: JOINED_LOCAL_MEMBERS) { edges { node { roomId joinedLocalMembers } } } }"): typeof import('./graphql.js').ReplicaEmptyRoomsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomPage($first: Int, $after: String, $last: Int, $before: String, $orderBy: RoomOrderField, $direction: OrderDirection, $search: String, $public: Boolean, $empty: Boolean) {\n    rooms(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, direction: $direction, search: $search, public: $public, empty: $empty) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { roomId name joinedMembers public } }\n    }\n  }\n"): typeof import('./graphql.js').RoomPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomDetails($roomId: ID!) {\n    room(roomId: $roomId) {\n      roomId name canonicalAlias topic avatar joinedMembers joinedLocalMembers joinedLocalDevices version creator\n      encryption federatable public joinRules guestAccess historyVisibility stateEvents roomType isSpace\n      forgotten tombstoned replacementRoom\n      servers\n      members { userId server isLocal displayName avatarUrl user { userId displayName admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt } }\n      state(types: [\"m.room.create\", \"m.room.name\"]) { eventId type stateKey sender originServerTs content }\n      block { blocked blockedBy }\n      deleteTasks { deleteId status }\n    }\n  }\n"): typeof import('./graphql.js').RoomDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Unknowns($roomId: ID!, $deleteId: ID!) {\n    room(roomId: $roomId) { roomId }\n    deleteTask(deleteId: $deleteId) { deleteId }\n  }\n"): typeof import('./graphql.js').UnknownsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer { viewer { userId isAdmin } serverVersion }\n"): typeof import('./graphql.js').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tasks($actionName: [String!], $resourceId: String, $status: [ScheduledTaskStatus!], $since: DateTime, $until: DateTime) {\n    scheduledTasks(actionName: $actionName, resourceId: $resourceId, status: $status, since: $since, until: $until) {\n      id action status rawStatus resourceId updatedAt result error\n    }\n  }\n"): typeof import('./graphql.js').TasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartDelete($roomId: ID!) { deleteRoom(roomId: $roomId) { deleteId status } }"): typeof import('./graphql.js').StartDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WatchOne($deleteId: ID!) {\n  deleteTask(deleteId: $deleteId) { deleteId roomId status isTerminal error shutdownRoom { kickedUsers newRoomId } }\n}"): typeof import('./graphql.js').WatchOneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WatchMany($deleteIds: [ID!]!) { deleteTasks(deleteIds: $deleteIds) { deleteId status isTerminal } }"): typeof import('./graphql.js').WatchManyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomName($roomId: ID!) { room(roomId: $roomId) { name } }\n"): typeof import('./graphql.js').RoomNameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskStatus($deleteId: ID!) { deleteTask(deleteId: $deleteId) { deleteId roomId status rawStatus isTerminal shutdownRoom { kickedUsers } } }\n"): typeof import('./graphql.js').TaskStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListAll { rooms(first: 5) { totalCount edges { node { roomId joinRules name } } } }\n"): typeof import('./graphql.js').ListAllDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account($userId: ID!) {\n    user(userId: $userId) {\n      userId admin deactivated erased locked suspended shadowBanned displayName\n      devices { deviceId }\n      joinedRooms { roomId }\n      rateLimit { messagesPerSecond burstCount }\n    }\n  }\n"): typeof import('./graphql.js').AccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAdmin($userId: ID!, $admin: Boolean!) { setUserAdmin(userId: $userId, admin: $admin) { userId admin } }\n"): typeof import('./graphql.js').SetAdminDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($userId: ID!, $newPassword: String!, $logoutDevices: Boolean) {\n    resetPassword(userId: $userId, newPassword: $newPassword, logoutDevices: $logoutDevices) { userId devices { deviceId } }\n  }\n"): typeof import('./graphql.js').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Lock($userId: ID!) { lockUser(userId: $userId) { userId locked } }\n"): typeof import('./graphql.js').LockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unlock($userId: ID!) { unlockUser(userId: $userId) { userId locked } }\n"): typeof import('./graphql.js').UnlockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Suspend($userId: ID!) { suspendUser(userId: $userId) { userId suspended } }\n"): typeof import('./graphql.js').SuspendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unsuspend($userId: ID!) { unsuspendUser(userId: $userId) { userId suspended } }\n"): typeof import('./graphql.js').UnsuspendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShadowBan($userId: ID!, $banned: Boolean!) { setShadowBanned(userId: $userId, banned: $banned) { userId shadowBanned } }\n"): typeof import('./graphql.js').ShadowBanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDevice($userId: ID!, $deviceId: ID!) { deleteDevice(userId: $userId, deviceId: $deviceId) { userId devices { deviceId } } }\n"): typeof import('./graphql.js').DeleteDeviceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinUser($roomIdOrAlias: ID!, $userId: ID!) { joinUserToRoom(roomIdOrAlias: $roomIdOrAlias, userId: $userId) { userId joinedRooms { roomId } } }\n"): typeof import('./graphql.js').JoinUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRateLimit($userId: ID!, $messagesPerSecond: Int!, $burstCount: Int!) {\n    setRateLimit(userId: $userId, messagesPerSecond: $messagesPerSecond, burstCount: $burstCount) { userId rateLimit { messagesPerSecond burstCount } }\n  }\n"): typeof import('./graphql.js').SetRateLimitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearRateLimit($userId: ID!) { clearRateLimit(userId: $userId) { userId rateLimit { messagesPerSecond } } }\n"): typeof import('./graphql.js').ClearRateLimitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Deactivate($userId: ID!, $erase: Boolean) { deactivateUser(userId: $userId, erase: $erase) { userId deactivated erased displayName devices { deviceId } } }\n"): typeof import('./graphql.js').DeactivateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserPage(\n    $first: Int, $after: String, $last: Int, $before: String, $search: String, $userId: String, $guests: Boolean,\n    $deactivated: DeactivatedFilter, $admins: Boolean, $locked: Boolean, $excludeUserTypes: [String!],\n    $orderBy: UserOrderField, $direction: OrderDirection\n  ) {\n    users(\n      first: $first, after: $after, last: $last, before: $before, search: $search, userId: $userId, guests: $guests,\n      deactivated: $deactivated, admins: $admins, locked: $locked, excludeUserTypes: $excludeUserTypes,\n      orderBy: $orderBy, direction: $direction\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node { userId displayName admin deactivated locked isGuest createdAt } }\n    }\n  }\n"): typeof import('./graphql.js').UserPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserDetails($userId: ID!) {\n    user(userId: $userId) {\n      userId displayName avatarUrl admin deactivated erased locked shadowBanned isGuest userType createdAt lastSeenAt\n      suspended appserviceId\n      threepids { medium address validatedAt addedAt }\n      externalIds { authProvider externalId }\n      consent { version acceptedAt }\n      joinedRooms { roomId name }\n      memberships { room { roomId } membership }\n      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }\n      sessions { ip userAgent lastSeenAt }\n      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }\n      media(first: 10) {\n        totalCount\n        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }\n      }\n      accountData { global rooms }\n      rateLimit { messagesPerSecond burstCount }\n    }\n  }\n"): typeof import('./graphql.js').UserDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserFlags($userId: ID!) {\n    user(userId: $userId) { userId admin deactivated locked isGuest displayName }\n  }\n"): typeof import('./graphql.js').UserFlagsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
