import { readFileSync } from 'node:fs';
import { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { printedSchema } from '../src/schema/print.js';

describe('schema', () => {
  it('matches the committed schema.graphql (run `npm run schema:print` after changing it)', () => {
    expect(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(printedSchema());
  });

  it('keeps the contract enums', () => {
    // Sorted: printing the schema sorts enum values in place.
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name).sort();
    expect(values('RoomOrderField')).toEqual([
      'NAME', 'CANONICAL_ALIAS', 'JOINED_MEMBERS', 'JOINED_LOCAL_MEMBERS', 'VERSION', 'CREATOR', 'ENCRYPTION',
      'FEDERATABLE', 'PUBLIC', 'JOIN_RULES', 'GUEST_ACCESS', 'HISTORY_VISIBILITY', 'STATE_EVENTS',
    ].sort());
    expect(values('OrderDirection')).toEqual(['BACKWARD', 'FORWARD']);
    expect(values('DeleteStatus')).toEqual(expect.arrayContaining(['SCHEDULED', 'ACTIVE', 'COMPLETE', 'FAILED', 'CANCELLED', 'SHUTTING_DOWN', 'PURGING']));
  });
});
