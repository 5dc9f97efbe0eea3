import type { SynapseAdminClient } from '../synapse/client.js';
import { once, type LoaderOptions } from './loader.js';

export interface ServerLoaders {
  /** The caller's user ID. */
  whoami(): Promise<string>;
  version(): Promise<string>;
}

/** `onCaller` learns the caller's user ID (the access log wants it once known). */
export function createServerLoaders(synapse: SynapseAdminClient, options: LoaderOptions, onCaller?: (userId: string) => void): ServerLoaders {
  return {
    whoami: once(async () => {
      const userId = await synapse.server.whoami();
      onCaller?.(userId);
      return userId;
    }, options),
    version: once(() => synapse.server.version(), options),
  };
}
