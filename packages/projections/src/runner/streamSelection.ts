/** At most this many projections of a group have their stream prefixes tested by the group (one bit each). */
export const STREAM_BITS = 30;

interface PrefixBits {
  readonly prefix: string;
  readonly bits: number;
}

/**
 * Which of several stream-prefix filters select a stream: the bits (`1 << i`) of every
 * `filters[i]` with a prefix the stream name starts with. Each distinct prefix is tested once,
 * and only those starting with the name's first character (the categories of a log mostly differ
 * there), so a group tests an event's stream once for all its projections.
 */
export const streamSelection = (
  filters: readonly (readonly string[])[],
): ((streamName: string) => number) => {
  const bitsByPrefix = new Map<string, number>();
  filters.forEach((prefixes, i) => {
    for (const prefix of prefixes) bitsByPrefix.set(prefix, (bitsByPrefix.get(prefix) ?? 0) | (1 << i));
  });
  // Every stream starts with the empty prefix.
  const always = bitsByPrefix.get('') ?? 0;
  const byFirst = new Map<number, PrefixBits[]>();
  for (const [prefix, bits] of bitsByPrefix) {
    if (prefix === '') continue;
    const first = prefix.charCodeAt(0);
    const list = byFirst.get(first) ?? [];
    list.push({ prefix, bits });
    byFirst.set(first, list);
  }
  // Plain ASCII first characters (every category of tillstream's streams) are looked up in an array.
  const ascii: (readonly PrefixBits[] | undefined)[] = Array.from({ length: 128 }, (_, c) => byFirst.get(c));
  return (streamName) => {
    const first = streamName.charCodeAt(0);
    const candidates = first < 128 ? ascii[first] : byFirst.get(first);
    let bits = always;
    if (candidates !== undefined)
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i] as PrefixBits;
        if ((bits & c.bits) !== c.bits && streamName.startsWith(c.prefix)) bits |= c.bits;
      }
    return bits;
  };
};
