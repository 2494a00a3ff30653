import type { Position, RecordedEvent, StreamRevision } from '@tillstream/domain';

/** Where an event sits, so a person can open it. */
export interface EventRef {
  readonly streamName: string;
  readonly revision: StreamRevision;
  readonly position: Position;
  readonly type: string;
}

/** The reference of a recorded event. */
export const refOf = (r: RecordedEvent): EventRef => ({
  streamName: r.streamName,
  revision: r.revision,
  position: r.position,
  type: r.event.type,
});
