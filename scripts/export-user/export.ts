import { ExportError, exitCodes, type GatewayClient } from './gateway-client.js';
import { fileName, type ExportLayout } from './layout.js';
import type { ExportManifest } from './manifest.js';
import { ExportMedia, ExportProfile } from './operations.js';
import { exportReadme } from './readme.js';
import { exportRoomEvents } from './room-events.js';

export interface ExportOptions {
  userId: string;
  gateway: string;
  media: boolean;
  events: boolean;
}

/** How far the export is: steps are added as they become known (media files, rooms). */
export interface Progress {
  add(steps: number): void;
  done(what: string): void;
}

/** Exports one user's data into an empty directory; failures of single parts are recorded and the rest goes on. */
export async function exportUser(gateway: GatewayClient, layout: ExportLayout, options: ExportOptions, progress: Progress): Promise<ExportManifest> {
  const { userId } = options;
  progress.add(1);
  const { user } = await gateway.execute(ExportProfile, { userId });
  if (!user) throw new ExportError(`${userId} is not a user of this server`, exitCodes.noSuchUser);
  await layout.create();
  const failures: ExportManifest['failures'] = [];

  const { devices, sessions, threepids, externalIds, pushers, accountData, memberships, ...profile } = user;
  await layout.json('user_data/profile.json', profile);
  await layout.json('user_data/devices.json', devices);
  await layout.json('user_data/connections.json', sessions);
  await layout.json('user_data/threepids.json', threepids);
  await layout.json('user_data/external_ids.json', externalIds);
  await layout.json('user_data/pushers.json', pushers);
  const rooms = memberships.map(({ room, membership }) => ({ roomId: room.roomId, membership }));
  await layout.json('user_data/memberships.json', rooms);
  await layout.json('user_data/account_data/global.json', accountData.global);
  const roomAccountData = Object.entries(accountData.rooms as Record<string, unknown>);
  for (const [roomId, data] of roomAccountData) await layout.json(`user_data/account_data/${fileName(roomId)}.json`, data);
  progress.done('profile');

  const media = [];
  for (let after: string | null | undefined; ; ) {
    const page = (await gateway.execute(ExportMedia, { userId, after })).user?.media;
    // A failed list comes with an error, which execute() throws; no page without one means the user went away.
    if (!page) throw new ExportError(`${userId} disappeared during the export`, exitCodes.incomplete);
    media.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  for (const item of media) await layout.json(`media_ids/${fileName(item.mediaId)}.json`, item);

  let mediaFiles = 0;
  if (options.media) {
    progress.add(media.length);
    // Uploads are local: they live on the user's own server.
    const serverName = userId.slice(userId.indexOf(':') + 1);
    for (const item of media) {
      try {
        await layout.stream(`media/${fileName(item.mediaId)}`, await gateway.download(serverName, item.mediaId));
        mediaFiles++;
      } catch (error) {
        failures.push({ what: `media file ${item.mediaId}`, reason: item.quarantinedBy ? `quarantined by ${item.quarantinedBy}` : (error as Error).message });
      }
      progress.done(`media ${item.mediaId}`);
    }
  }

  let events = 0;
  if (options.events) {
    progress.add(rooms.length);
    for (const { roomId } of rooms) {
      try {
        const result = await exportRoomEvents(gateway, roomId, userId, (page) => layout.appendLines(`rooms/${fileName(roomId)}/events.jsonl`, page));
        if (!result.found) failures.push({ what: `events of ${roomId}`, reason: 'the room no longer exists on this server' });
        events += result.written;
      } catch (error) {
        failures.push({ what: `events of ${roomId}`, reason: (error as Error).message });
      }
      progress.done(`room ${roomId}`);
    }
  }

  const manifest: ExportManifest = {
    userId,
    gateway: options.gateway,
    exportedAt: new Date().toISOString(),
    out: layout.root,
    options: { media: options.media, events: options.events },
    counts: {
      devices: devices.length,
      connections: sessions.length,
      threepids: threepids.length,
      externalIds: externalIds.length,
      pushers: pushers.length,
      memberships: rooms.length,
      roomAccountData: roomAccountData.length,
      media: media.length,
      mediaFiles,
      rooms: options.events ? rooms.length : 0,
      events,
    },
    failures,
    complete: failures.length === 0,
  };
  await layout.json('manifest.json', manifest);
  await layout.text('README.md', exportReadme(manifest));
  return manifest;
}
