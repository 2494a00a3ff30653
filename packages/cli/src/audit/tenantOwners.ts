/** Which of `count` shards replays each tenant: tenants are dealt in turn, as they first appear. */
export interface TenantOwners {
  /** The shard of the tenant a stream name carries. */
  readonly ofStream: (streamName: string) => number;
  /** The same, for a stream name held by `bytes` from `start` to `end` (its UTF-8, as `readJsonlHead` finds it). */
  readonly ofNameBytes: (bytes: Buffer, start: number, end: number) => number;
}

const DOT = 0x2e;
const DASH = 0x2d;

// The tenant a stream name carries, as `parseStreamName` reads it, without its allocations. Streams
// whose name carries none are dealt by whatever stands there: they feed no tenant's ledgers.
const tenantKey = (stream: string): string => {
  const dot = stream.indexOf('.');
  return dot < 0 ? '' : stream.slice(stream.lastIndexOf('-', dot) + 1, dot);
};

// Longer tenant keys are looked up by their text each time.
const REMEMBERED_BYTES = 64;

/**
 * Fresh owners for `count` shards. Every shard reads every line's tenant, its own or not: a line's
 * tenant is compared with the last one's bytes first, so a log that holds a tenant's events in runs
 * (as one written shop by shop, or a day of a shop at a time) places most lines without a string.
 */
export const tenantOwners = (count: number): TenantOwners => {
  const owners = new Map<string, number>();
  const ofKey = (key: string): number => {
    let owner = owners.get(key);
    if (owner === undefined) owners.set(key, (owner = owners.size % count));
    return owner;
  };
  // The last tenant met by its bytes (a dot and a dash are never part of a longer UTF-8 sequence).
  const last = Buffer.alloc(REMEMBERED_BYTES);
  let lastLength = -1;
  let lastOwner = 0;
  return {
    ofStream: (streamName) => ofKey(tenantKey(streamName)),
    ofNameBytes: (bytes, start, end) => {
      let dot = start;
      while (dot < end && bytes[dot] !== DOT) dot++;
      let from = dot;
      if (dot === end) from = dot = start;
      else while (from > start && bytes[from - 1] !== DASH) from--;
      const length = dot - from;
      if (length === lastLength) {
        let at = 0;
        while (at < length && bytes[from + at] === last[at]) at++;
        if (at === length) return lastOwner;
      }
      lastOwner = ofKey(bytes.toString('utf8', from, dot));
      if (length <= REMEMBERED_BYTES) {
        bytes.copy(last, 0, from, dot);
        lastLength = length;
      } else lastLength = -1;
      return lastOwner;
    },
  };
};
