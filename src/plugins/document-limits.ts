import type { Plugin } from '@envelop/core';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext } from 'graphql';
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
  // Validation rules report their refusal like any validation error (so it carries GRAPHQL_VALIDATION_FAILED) instead
  // of throwing out of validation; the token limit fails the parse.
  const rejected = (reason: string) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(error);
        onReject?.(reason);
      },
    ],
  });
  const armor = new EnvelopArmor({
    costLimit: { enabled: false },
    maxTokens: { n: limits.maxTokens, onReject: [() => onReject?.('max_tokens')] },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...rejected('max_depth') },
    maxAliases: { n: limits.maxAliases, ...rejected('max_aliases') },
    maxDirectives: { n: limits.maxDirectives, ...rejected('max_directives') },
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
