import type { Readable } from 'node:stream';
import type { AdminApi } from './admin-api.js';

export interface MediaDownload {
  contentType: string;
  contentLength?: number;
  /** From Synapse's Content-Disposition, as the uploader named the file. */
  contentDisposition?: string;
  body: Readable;
}

/**
 * Media files. The admin API has metadata only: the bytes come from the client media API, which serves any local
 * file to any authenticated user (the admin's token included).
 */
export class MediaApi {
  constructor(private readonly api: AdminApi) {}

  async download(serverName: string, mediaId: string, maxBytes: number): Promise<MediaDownload> {
    const answer = await this.api.stream('/_matrix/client/v1/media/download/{serverName}/{mediaId}', { serverName, mediaId }, undefined, maxBytes);
    const length = Number(answer.header('content-length'));
    return {
      contentType: answer.header('content-type') ?? 'application/octet-stream',
      ...(Number.isFinite(length) ? { contentLength: length } : {}),
      ...(answer.header('content-disposition') ? { contentDisposition: answer.header('content-disposition') } : {}),
      body: answer.body,
    };
  }
}
