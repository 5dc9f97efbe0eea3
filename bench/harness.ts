// What bench/run.ts hands the parts that live in files of their own (bench/jobs.ts, bench/store.ts): its processes,
// its control API helpers and its record of bars and raw figures. Types only; run.ts builds the object.
import type { ChildProcess } from 'node:child_process';
import type { Interface } from 'node:readline';
import type { SimProcessConfig } from './sim-process.js';

export interface Sim {
  child: ChildProcess;
  url: string;
  token: string;
  roomIds: string[];
  emptyRoomIds: string[];
  memberIds: string[];
}

export interface Gateway {
  child: ChildProcess;
  url: string;
  pid: number;
}

export interface Harness {
  smoke: boolean;
  log(message: string): void;
  /** A bar: its figure, what it must be, whether it is. */
  record(metric: string, value: number, unit: string, bar: string, pass: boolean): void;
  /** Raw figures, written to results.json under their key. */
  raw: Record<string, unknown>;
  /** `node <args>` in the repository; resolves with the first stdout JSON line `match` accepts (called for every line). */
  startNode(args: string[], env: Record<string, string>, match: (line: Record<string, unknown>) => boolean): Promise<{ child: ChildProcess; lines: Interface; first: Record<string, unknown> }>;
  stop(child: ChildProcess): Promise<void>;
  startSim(config: SimProcessConfig): Promise<Sim>;
  /** The gateway as the container runs it (dist/main.js), once its store is open (the bench's own DATA_DIR unless `env` names one). */
  startGateway(synapseUrl: string, env?: Record<string, string>): Promise<Gateway>;
  /** The simulator's control API: GET without a body, POST with one. */
  control(simUrl: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** A GraphQL request as an admin; throws on GraphQL errors. */
  graphqlRequest(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
  cpuSeconds(pid: number): number;
}
