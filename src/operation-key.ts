import type { DocumentNode } from 'graphql';

// A number per parsed document: Yoga's parse cache gives one object per query text, so the number stands for the text.
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/**
 * Which operation of which document, with which variables: two runs with one key select the same fields with the
 * same values (what they resolve may still depend on the caller, whom callers add to the key where it matters).
 */
export function operationKey(document: DocumentNode, operationName: string | null | undefined, variables: unknown): string {
  let documentId = documentIds.get(document);
  if (documentId === undefined) documentIds.set(document, (documentId = nextDocumentId++));
  return `${documentId}\u0000${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
}
