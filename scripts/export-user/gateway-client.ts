import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { TypedDocumentString } from '../../test/gql/graphql.js';

/** A failure with the exit code it means for the script. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const exitCodes = { complete: 0, incomplete: 1, usage: 2, noSuchUser: 3, refused: 4, output: 5 } as const;

interface GraphQLAnswer<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The gateway as the script sees it: typed GraphQL operations and media downloads, with the caller's token. */
export class GatewayClient {
  constructor(
    private readonly endpoint: URL,
    private readonly token: string,
  ) {}

  async execute<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const response = await this.fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<R>;
    if (answer.errors?.length || !answer.data) {
      const first = answer.errors?.[0];
      const code = first?.extensions?.code ?? `HTTP ${response.status}`;
      throw new ExportError(`${code}: ${first?.message ?? 'the gateway answered without data'}`, refusedCodes.has(code) ? exitCodes.refused : exitCodes.incomplete);
    }
    return answer.data;
  }

  /** A media file's bytes, streamed. */
  async download(serverName: string, mediaId: string): Promise<Readable> {
    const response = await this.fetch(new URL(`/media/${encodeURIComponent(serverName)}/${encodeURIComponent(mediaId)}`, this.endpoint), {});
    if (!response.ok || !response.body) {
      const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<unknown>;
      throw new ExportError(`${answer.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`}: ${answer.errors?.[0]?.message ?? 'no body'}`, exitCodes.incomplete);
    }
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  private async fetch(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.token}` } });
    } catch (error) {
      throw new ExportError(`cannot reach the gateway at ${url.origin}: ${(error as Error).cause ?? (error as Error).message}`, exitCodes.refused);
    }
  }
}

const refusedCodes = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'HTTP 401', 'HTTP 403', 'CSRF_PREVENTED']);
