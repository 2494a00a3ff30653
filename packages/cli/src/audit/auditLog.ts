import type { StoredEvent } from '@tillstream/domain';
import { auditReplay } from './auditReplay';
import { auditReport, type AuditOptions, type AuditReport } from './auditReport';

export type { AuditOptions, AuditReport } from './auditReport';

/**
 * Replays a log through the deciders' own `evolve` and the projections' audit trail, re-adds every
 * ledger, and checks the log's integrity and the domain's invariants. The report is exact for `asOf`: each stream is
 * replayed up to its first event that occurred after it.
 */
export const auditLog = async (
  events: AsyncIterable<StoredEvent>,
  options: AuditOptions = {},
): Promise<AuditReport> => {
  const replay = auditReplay(options);
  let place = 0;
  for await (const stored of events) replay.observe(stored, ++place);
  return auditReport([replay.part()], options);
};
