import type { Plugin } from '@envelop/core';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule, type GraphQLError } from 'graphql';
import type { Limits } from '../limits.js';

export interface DocumentLimitOptions {
  limits: Limits;
  introspection: boolean;
  /** Field suggestions ("Did you mean …?") tell strangers the schema; off where introspection is off. */
  suggestions: boolean;
  onReject?: (reason: string) => void;
}

/**
 * Parser and document limits from graphql-armor (tokens, depth, aliases, directives), plus introspection and field
 * suggestions off where asked. Cost is not armor's business here: the upstream budget is.
 */
export function useDocumentLimits({ limits, introspection, suggestions, onReject }: DocumentLimitOptions): Plugin[] {
  const rejected = (reason: string) => [(_: unknown, __: GraphQLError) => onReject?.(reason)];
  const armor = new EnvelopArmor({
    costLimit: { enabled: false },
    maxTokens: { n: limits.maxTokens, onReject: rejected('max_tokens') },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, onReject: rejected('max_depth') },
    maxAliases: { n: limits.maxAliases, onReject: rejected('max_aliases') },
    maxDirectives: { n: limits.maxDirectives, onReject: rejected('max_directives') },
    blockFieldSuggestion: { enabled: !suggestions },
  });
  const plugins: Plugin[] = [...armor.protect().plugins];
  if (!introspection) {
    plugins.push({
      onValidate({ addValidationRule }) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    });
  }
  return plugins;
}
