import type { SimTask } from '../delete-tasks.js';
import { adminPrefix as admin, booleanField, jsonObject, legalRoomId, notFound, parseEnum, parseInteger, route, unknown400, type Route } from '../http.js';
import type { SynapseSimulator } from '../server.js';

/** The v2 room delete and its status (rooms.py). */
export function deleteTaskRoutes(sim: SynapseSimulator): Route[] {
  const tasks = () => [...sim.deletes.tasks.values()].sort((a, b) => a.timestampMs - b.timestampMs);
  return [
    route('rooms/delete', 'DELETE', `${admin}/v2/rooms/([^/]*)`, 'admin', ({ params, body, requester }) => {
      const object = jsonObject(body);
      const block = booleanField(object, 'block', false);
      const purge = booleanField(object, 'purge', true);
      const forcePurge = booleanField(object, 'force_purge', false);
      const roomId = legalRoomId(params[0]!);
      if (sim.deletes.activeFor(roomId)) throw unknown400(`Purge already in progress for ${roomId}`);
      const newRoomUserId = object.new_room_user_id;
      if (newRoomUserId !== undefined && newRoomUserId !== null && !(typeof newRoomUserId === 'string' && sim.hs.isMine(newRoomUserId))) {
        throw unknown400(`User must be our own: ${String(newRoomUserId)}`);
      }
      const task = sim.deletes.start(roomId, {
        block,
        purge,
        forcePurge,
        newRoomUserId: typeof newRoomUserId === 'string' ? newRoomUserId : null,
        roomName: object.room_name ?? 'Content Violation Notification',
        message: object.message ?? 'Sharing illegal content on this server is not permitted and rooms in violation will be blocked.',
        requester,
      });
      sim.recordDelete(roomId);
      return [200, { delete_id: task.id }];
    }),
    route('rooms/delete_status', 'GET', `${admin}/v2/rooms/([^/]*)/delete_status`, 'admin', ({ params }) => {
      const roomId = legalRoomId(params[0]!);
      // By room, Synapse only asks for active, complete and failed tasks: scheduled ones are invisible.
      const results = tasks()
        .filter((t) => t.resourceId === roomId && ['active', 'complete', 'failed'].includes(t.status))
        .map(deleteStatus);
      if (results.length === 0) throw notFound(`No delete task for room_id '${roomId}' found`);
      return [200, { results }];
    }),
    route('delete_status', 'GET', `${admin}/v2/rooms/delete_status/([^/]*)`, 'admin', ({ params }) => {
      const task = sim.deletes.tasks.get(params[0]!);
      if (!task) throw notFound(`delete id '${params[0]}' not found`);
      return [200, deleteStatus(task)];
    }),
  ];
}

function deleteStatus(task: SimTask) {
  return { delete_id: task.id, room_id: task.resourceId, status: task.status, shutdown_room: task.result };
}
