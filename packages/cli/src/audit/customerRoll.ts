import { parseStreamName, type CustomerEvent, type RecordedEvent } from '@tillstream/domain';

/** Which customers the log shows forgotten; everything else about customers is the customer context's. */
export interface CustomerRoll {
  readonly apply: (recorded: RecordedEvent<CustomerEvent>) => void;
  /** Forgotten customers, by id: reported as erased, never as broken. */
  readonly erased: () => readonly string[];
}

/** A fresh roll. */
export const customerRoll = (): CustomerRoll => {
  const forgotten = new Set<string>();
  return {
    apply: ({ event, streamName }) => {
      const id = parseStreamName(streamName)?.id;
      if (event.type === 'CustomerForgotten' && id !== undefined) forgotten.add(id);
    },
    erased: () => [...forgotten].sort(),
  };
};
