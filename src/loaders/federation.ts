import type DataLoader from 'dataloader';
import type { SynapseAdminClient } from '../synapse/client.js';
import type { Destination } from '../synapse/federation.js';
import { perKey, type LoaderOptions } from './loader.js';

export interface FederationLoaders {
  /** A destination's retry state: primed from list pages, else read by name. */
  destination: DataLoader<string, Destination | null>;
}

export function createFederationLoaders(synapse: SynapseAdminClient, options: LoaderOptions): FederationLoaders {
  return { destination: perKey((name) => synapse.federation.destination(name), options) };
}
