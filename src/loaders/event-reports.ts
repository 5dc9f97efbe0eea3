import type DataLoader from 'dataloader';
import type { SynapseAdminClient } from '../synapse/client.js';
import type { EventReport } from '../synapse/event-reports.js';
import { perKey, type LoaderOptions } from './loader.js';

export interface EventReportLoaders {
  /** A report with its event: list pages prime the rest, the event needs the report itself. */
  report: DataLoader<string, EventReport | null>;
}

export function createEventReportLoaders(synapse: SynapseAdminClient, options: LoaderOptions): EventReportLoaders {
  return { report: perKey((id) => synapse.eventReports.report(id), options) };
}
