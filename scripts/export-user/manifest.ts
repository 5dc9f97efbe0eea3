/** manifest.json: what the export holds and what went wrong, for people and for scripts (also the --json output). */
export interface ExportManifest {
  userId: string;
  gateway: string;
  exportedAt: string;
  out: string;
  options: { media: boolean; events: boolean };
  counts: {
    devices: number;
    connections: number;
    threepids: number;
    externalIds: number;
    pushers: number;
    memberships: number;
    roomAccountData: number;
    media: number;
    mediaFiles: number;
    rooms: number;
    events: number;
  };
  /** Parts that could not be exported, each with why. */
  failures: { what: string; reason: string }[];
  complete: boolean;
}
