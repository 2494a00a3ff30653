// Replaying an exported event log programmatically: what `tillstream audit events.jsonl` does,
// from your own code. Run: npx ts-node examples/audit-replay.ts events.jsonl
import { auditLog, formatTable, readJsonlFile, type AuditReport } from '@tillstream/cli';

/** Reads an exported JSONL log line by line (constant memory) and replays it through the audit. */
export const replayExportedLog = async (path: string, asOf?: Date): Promise<AuditReport> => {
  async function* events() {
    // A malformed line throws JsonlFormatError naming its line number: nothing is skipped.
    for await (const { event } of readJsonlFile(path)) yield event;
  }
  return auditLog(events(), asOf === undefined ? {} : { asOf });
};

if (require.main === module) {
  const [path, asOf] = process.argv.slice(2);
  if (path === undefined) throw new Error('usage: audit-replay <events.jsonl> [as-of ISO instant]');
  void replayExportedLog(path, asOf === undefined ? undefined : new Date(asOf)).then((report) => {
    process.stdout.write(formatTable(report));
    process.exitCode = report.violations.length === 0 ? 0 : 1;
  });
}
