import type { Context } from '../context.js';

/**
 * A field of an entity carried as its ID (a room, a user): read at once when the operation already has the entity
 * (see SettledEntities), else once `load` has it.
 */
export function settledField<Entity, T>(settled: (ctx: Context) => ReadonlyMap<string, Entity>, load: (ctx: Context, id: string) => Promise<Entity>, pick: (entity: Entity) => T) {
  return (id: string, _args: unknown, ctx: Context): T | Promise<T> => {
    const entity = settled(ctx).get(id);
    return entity ? pick(entity) : load(ctx, id).then(pick);
  };
}
