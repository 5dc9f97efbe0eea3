// The README's cost model as data: each schema field that reaches Synapse says what it costs, next to its resolver,
// and the estimator adds the costs up before an operation runs.

/** Objects whose per-object resources are fetched once per object, whatever fields and aliases ask for them. */
export type CostScope = 'room' | 'task' | 'user' | 'destination' | 'report';

export type FieldCost =
  /** Once per operation, whatever the aliases (who the caller is, the server version). */
  | { kind: 'perOperation'; key: string; what: string }
  /**
   * Once per object of the nearest enclosing scope (a room's details, members, state); `calls` at most, default 1.
   * Free when the field that found the object already loaded `unlessPrepaid` (a list page carries list-level fields).
   */
  | { kind: 'perObject'; scope: CostScope; resource: string; what: string; calls?: number; unlessPrepaid?: string }
  /** `calls` each time the field is resolved; `cached`: once per parent and arguments (a per-operation loader). */
  | { kind: 'perCall'; calls: number; what: string; cached?: boolean }
  /** `calls` per element of a list argument (one first read per delete ID). */
  | { kind: 'perListItem'; argument: string; calls: number; what: string }
  /**
   * A Relay connection over one list call per page (plus one to count when paging back from the end); `calls` at
   * most per page, default 1 (an endpoint with a fallback for older Synapse).
   */
  | { kind: 'page'; defaultSize: number; what: string; calls?: number }
  /** Depends on data the gateway has not seen yet: enforced while running, not estimated. */
  | { kind: 'dataDependent'; what: string };

// A type, not an interface: Pothos takes field extensions as an index signature.
export type CostExtensions = {
  cost?: FieldCost | FieldCost[];
  /** Resources of the returned objects that this field has already loaded. */
  prepays?: string[];
};

export const cost = {
  perOperation: (key: string, what: string): CostExtensions => ({ cost: { kind: 'perOperation', key, what } }),
  perRoom: (resource: string, what: string, calls = 1): CostExtensions => ({ cost: { kind: 'perObject', scope: 'room', resource, what, calls } }),
  perTask: (resource: string, what: string, calls = 1): CostExtensions => ({ cost: { kind: 'perObject', scope: 'task', resource, what, calls } }),
  perUser: (resource: string, what: string): CostExtensions => ({ cost: { kind: 'perObject', scope: 'user', resource, what } }),
  perDestination: (resource: string, what: string): CostExtensions => ({ cost: { kind: 'perObject', scope: 'destination', resource, what } }),
  perReport: (resource: string, what: string): CostExtensions => ({ cost: { kind: 'perObject', scope: 'report', resource, what } }),
  /** A list-level field: free on an object found through a list page (which prepays `summary`), else its details. */
  listField: (scope: CostScope, what: string): CostExtensions => ({ cost: { kind: 'perObject', scope, resource: 'details', what, unlessPrepaid: 'summary' } }),
  perCall: (calls: number, what: string, prepays?: string[]): CostExtensions => ({ cost: { kind: 'perCall', calls, what }, ...(prepays ? { prepays } : {}) }),
  /** A lookup through a per-operation loader: aliases with the same arguments cost one call. */
  cachedLookup: (what: string, prepays?: string[]): CostExtensions => ({ cost: { kind: 'perCall', calls: 1, what, cached: true }, ...(prepays ? { prepays } : {}) }),
  perListItem: (argument: string, calls: number, what: string, prepays?: string[]): CostExtensions => ({
    cost: { kind: 'perListItem', argument, calls, what },
    ...(prepays ? { prepays } : {}),
  }),
  page: (defaultSize: number, what: string, prepays?: string[], calls = 1): CostExtensions => ({
    cost: { kind: 'page', defaultSize, what, ...(calls > 1 ? { calls } : {}) },
    ...(prepays ? { prepays } : {}),
  }),
  dataDependent: (what: string, ...also: CostExtensions[]): CostExtensions => ({
    cost: [{ kind: 'dataDependent', what }, ...also.flatMap((extra) => [extra.cost ?? []].flat())],
  }),
  /** A field that costs nothing itself but hands on objects whose resources it already loaded. */
  prepaid: (...resources: string[]): CostExtensions => ({ prepays: resources }),
};
