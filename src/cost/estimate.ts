import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { CostExtensions, CostScope } from './field-cost.js';
import { operationKey } from '../operation-key.js';

/** One line of the bill: where in the operation, what Synapse is asked, how many times. */
export interface CostItem {
  path: string;
  what: string;
  calls: number;
}

export interface Estimate {
  total: number;
  /** Most expensive first. */
  items: CostItem[];
  /** Costs that depend on data (e.g. how many members are local): enforced while running. */
  dataDependent: string[];
}

interface Scope {
  kind: CostScope;
  /** How many such objects; Infinity when it depends on data (a list of unknown length). */
  count: number;
  resources: Set<string>;
}

interface Walk {
  path: string;
  multiplier: number;
  scopes: Scope[];
  /** Cached lookups already billed under the current parent object, with the scope they opened. */
  lookups: Map<string, Scope | undefined>;
  /** Resources a field above already loaded for the next objects down (a connection's nodes). */
  prepays?: string[];
}

// Estimates by operation and coerced variables: the same query with the same values costs one estimate. Bounded in
// entries and key size, whatever callers send.
const remembered = new Map<string, Estimate>();
const maxRemembered = 4096;
const maxRememberedKeyLength = 1024;

/**
 * Upper bound of the upstream calls an operation makes, from the costs its fields declare: aliases, page sizes and
 * variables included, fields merged the way execution merges them. Null when the variables are invalid (execution
 * reports that itself).
 */
export function estimateUpstreamCalls(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Estimate | null {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return null;
  const key = operationKey(document, operationName, coerced.coerced);
  const known = remembered.get(key);
  if (known) return known;
  const estimate = estimateWith(schema, document, operation, root, coerced.coerced);
  if (key.length <= maxRememberedKeyLength) {
    if (remembered.size >= maxRemembered) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, estimate);
  }
  return estimate;
}

function estimateWith(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, root: GraphQLObjectType, values: Record<string, unknown>): Estimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const items: CostItem[] = [];
  const perOperation = new Set<string>();
  const dataDependent = new Set<string>();
  const bill = (path: string, what: string, calls: number) => {
    if (!Number.isFinite(calls)) dataDependent.add(`${path}: ${what}`);
    else if (calls > 0) items.push({ path, what, calls });
  };

  const included = (node: { readonly directives?: readonly DirectiveNode[] }) =>
    getDirectiveValues(GraphQLSkipDirective, node, values)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, node, values)?.if !== false;

  /** Fields of one selection set by response key, fragments inlined (the way execution collects them). */
  const collect = (type: GraphQLObjectType, selectionSet: SelectionSetNode, into: Map<string, FieldNode[]>, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || appliesTo(schema, selection.typeCondition.name.value, type)) collect(type, selection.selectionSet, into, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value) || !appliesTo(schema, fragment.typeCondition.name.value, type)) continue;
        seen.add(fragment.name.value);
        collect(type, fragment.selectionSet, into, seen);
      }
    }
    return into;
  };

  const walk = (type: GraphQLObjectType, selectionSets: SelectionSetNode[], at: Walk) => {
    const fields = new Map<string, FieldNode[]>();
    for (const selectionSet of selectionSets) collect(type, selectionSet, fields, new Set());
    for (const [key, nodes] of fields) {
      const field = type.getFields()[nodes[0]!.name.value];
      if (!field) continue;
      const path = at.path ? `${at.path}.${key}` : key;
      const extensions = field.extensions as CostExtensions;
      let multiplier = at.multiplier;
      let lookupKey: string | undefined;
      const costs = extensions.cost ? [extensions.cost].flat() : [];
      const args = costs.length > 0 ? getArgumentValues(field, nodes[0]!, values) : {};
      for (const cost of costs) {
        switch (cost.kind) {
          case 'perOperation':
            if (!perOperation.has(cost.key)) {
              perOperation.add(cost.key);
              bill(path, cost.what, 1);
            }
            break;
          case 'perObject': {
            const scope = at.scopes.findLast((candidate) => candidate.kind === cost.scope);
            if (scope && !scope.resources.has(cost.resource) && !(cost.unlessPrepaid && scope.resources.has(cost.unlessPrepaid))) {
              scope.resources.add(cost.resource);
              bill(path, `${cost.what}, ${cost.calls && cost.calls > 1 ? `at most ${cost.calls}` : 'one'} per ${cost.scope}`, (cost.calls ?? 1) * scope.count);
            }
            break;
          }
          case 'perCall':
            if (cost.cached) {
              lookupKey = `${field.name}\u0000${JSON.stringify(args)}`;
              if (at.lookups.has(lookupKey)) break;
            }
            bill(path, cost.what, cost.calls * at.multiplier);
            break;
          case 'perListItem': {
            const list = args[cost.argument];
            bill(path, `${cost.what}, one per ${cost.argument} element`, cost.calls * (Array.isArray(list) ? list.length : 1) * at.multiplier);
            break;
          }
          case 'page': {
            const size = (args.first ?? args.last ?? cost.defaultSize) as number;
            bill(path, cost.what, (cost.calls ?? 1) * (args.last != null && args.before == null ? 2 : 1) * at.multiplier);
            multiplier = at.multiplier * size;
            break;
          }
          case 'dataDependent':
            bill(path, cost.what, Number.POSITIVE_INFINITY);
            break;
        }
      }
      if (lookupKey && !at.lookups.has(lookupKey)) at.lookups.set(lookupKey, undefined);
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      // A list of unknown length (members, tasks) makes anything per element depend on data; a connection's edges
      // are its page, already counted.
      if (isListType(getNullableType(field.type)) && !(type.name.endsWith('Connection') && field.name === 'edges')) multiplier = Number.POSITIVE_INFINITY;
      let scopes = at.scopes;
      // A field that costs nothing itself (a connection's edges and node) hands on what the field above loaded.
      let prepays = extensions.prepays ?? (costs.length === 0 ? at.prepays : undefined);
      const scopeKind = (named.extensions as { costScope?: CostScope }).costScope;
      if (scopeKind) {
        // Aliases of one cached lookup resolve the same object: they share its scope, and what it fetched.
        const scope = (lookupKey && at.lookups.get(lookupKey)) || { kind: scopeKind, count: multiplier, resources: new Set(prepays ?? []) };
        scopes = [...scopes, scope];
        if (lookupKey) at.lookups.set(lookupKey, scope);
        prepays = undefined;
      }
      const childSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      walk(named, childSets, { path, multiplier, scopes, lookups: new Map(), prepays });
    }
  };

  walk(root, [operation.selectionSet], { path: '', multiplier: 1, scopes: [], lookups: new Map() });
  items.sort((a, b) => b.calls - a.calls);
  return { total: items.reduce((sum, item) => sum + item.calls, 0), items, dataDependent: [...dataDependent] };
}

function appliesTo(schema: GraphQLSchema, typeCondition: string, type: GraphQLObjectType): boolean {
  const condition = schema.getType(typeCondition);
  return condition === type || (!!condition && isAbstractType(condition) && schema.isSubType(condition, type));
}

/** The bill in words, for the client who was refused: the biggest items, each with what it asks Synapse. */
export function describeEstimate(estimate: Estimate, limit: number, top = 5): string {
  const parts = estimate.items.slice(0, top).map((item) => `${item.path}: ${item.calls.toLocaleString('en')} (${item.what})`);
  const more = estimate.items.length > top ? `, and ${estimate.items.length - top} smaller items` : '';
  return (
    `This operation would make an estimated ${estimate.total.toLocaleString('en')} upstream calls to Synapse, above the limit of ` +
    `${limit.toLocaleString('en')} per operation (MAX_UPSTREAM_CALLS). Costs: ${parts.join('; ')}${more}. ` +
    'Ask for fewer items per page (first/last), fewer aliases, or fewer per-item fields.'
  );
}
