import { TillstreamError } from '@tillstream/domain';

/** A JSONL line that is not a tillstream event: names the line and what is wrong with it. */
export class JsonlFormatError extends TillstreamError {
  readonly kind = 'jsonl';

  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super('jsonl.malformed_line', `Line ${line} is not a tillstream event: ${reason}.`, { line, reason });
  }
}
