import { combineCatalogs, type Event, type EventCatalog } from '@tillstream/domain';

// The parts of every catalog made by `projectionCatalog`, so a group can tell which part decodes a type.
const partsOf = new WeakMap<object, readonly EventCatalog<Event>[]>();

/**
 * `combineCatalogs`, remembering its parts: projections of one group that read a type through the
 * same part (say `orderEvents`, for the order board and the wallet views) then share one decoding
 * of each such event instead of decoding it once each.
 */
export const projectionCatalog = <Ev extends Event>(
  ...catalogs: readonly EventCatalog<Ev>[]
): EventCatalog<Ev> => {
  const combined = combineCatalogs<Ev>(...catalogs);
  // Stored erased, as a group's lanes hold every catalog: each part decodes only events of `Ev`.
  partsOf.set(combined, catalogs as unknown as readonly EventCatalog<Event>[]);
  return combined;
};

/**
 * The catalog that decodes `type` for `catalog`: the part a `projectionCatalog` hands it to (the
 * last one holding it, as `combineCatalogs` does), else the catalog itself. Decoding with either
 * gives the same result, since the combined catalog only delegates.
 */
export const decoderOf = (catalog: EventCatalog<Event>, type: string): EventCatalog<Event> => {
  const parts = partsOf.get(catalog);
  if (parts === undefined) return catalog;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] as EventCatalog<Event>;
    if (part.has(type)) return decoderOf(part, type);
  }
  return catalog;
};
