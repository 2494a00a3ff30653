import { inMemoryEventStore, type EventStore, type Position } from '@tillstream/domain';
import * as E from 'fp-ts/Either';
import type { JsonlRecord } from '../jsonl';
import { jsonlRecords, openEventStoreDB, type Location } from '../location';
import { importEvents, type ImportConflictError, type Progress } from '../transfer';

/** A store to rebuild from, how to let it go, and how to name a place in it for a person. */
export interface RebuildSource {
  readonly store: EventStore;
  readonly close: () => Promise<void>;
  /** "line 12" for a file, "position 4711" for a store. */
  readonly where: (position: Position) => string;
}

/**
 * Opens a location for a rebuild: a store is read where it is; a JSONL log is loaded into the
 * in-memory store first (the runner subscribes to a store), remembering which line each event was.
 */
export const openRebuildSource = async (
  location: Location,
  progress: Progress,
): Promise<E.Either<ImportConflictError, RebuildSource>> => {
  if (location.kind === 'eventstoredb') {
    const { store, close } = openEventStoreDB(location.connectionString);
    return E.right({ store, close, where: (position) => `position ${position}` });
  }
  const store = inMemoryEventStore();
  const lines: number[] = [];
  async function* remembered(records: AsyncIterable<JsonlRecord>) {
    for await (const record of records) {
      lines.push(record.line);
      yield record;
    }
  }
  const loaded = await importEvents(remembered(jsonlRecords(location)), store, progress);
  if (E.isLeft(loaded)) return loaded;
  // The store was empty and took the lines in file order: its n-th event is the n-th line read.
  const lineOf = new Map(store.allEvents().map((event, i) => [event.position, lines[i]]));
  return E.right({
    store,
    close: async () => undefined,
    where: (position) => `line ${lineOf.get(position) ?? '?'}`,
  });
};
