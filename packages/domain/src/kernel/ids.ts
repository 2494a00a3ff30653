import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Makes new ids for aggregates and processes; injected so tests are deterministic. */
export interface IdGenerator {
  readonly newId: () => string;
}

/** Time-ordered random UUIDs (v7). */
export const randomIds: IdGenerator = { newId: () => uuidv7() };

const TILLSTREAM_NAMESPACE = 'c3b9a7de-57f4-4d0b-9a5e-2f1a6c0e8b41';

/** A UUID that is always the same for the same name: retried work gets the same ids. */
export const deterministicId = (name: string): string => uuidv5(name, TILLSTREAM_NAMESPACE);

/** Repeatable ids from a seed: the same seed gives the same sequence. */
export const seededIds = (seed: string): IdGenerator => {
  let n = 0;
  return { newId: () => deterministicId(`${seed}#${n++}`) };
};
