import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend, StoredEvent } from '../kernel/envelope';
import { ConcurrencyError } from '../kernel/errors';
import type { EventFilter, EventStore } from '../kernel/eventStore';
import type { Position } from '../kernel/revision';

/** A store under test and how to dispose of it. */
export interface ContractStore {
  readonly store: EventStore;
  readonly teardown?: () => Promise<void>;
}

/** Makes an event for contract tests, with valid envelope metadata. */
export const contractEvent = (
  type: string,
  data: object = {},
  eventId: string = randomUUID(),
): EventToAppend => {
  const metadata: EventMetadata = {
    eventId,
    commandId: eventId,
    commandHash: 'contract',
    correlationId: eventId,
    causationId: eventId,
    tenantId: 'contract',
    actor: { role: 'system', id: 'contract-suite' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  };
  return { eventId, type, data, metadata };
};

const waitFor = async (check: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the subscription');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const collectAll = async (store: EventStore, filter: EventFilter, after?: Position) => {
  const out: StoredEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({
      ...(cursor === undefined ? {} : { after: cursor }),
      maxCount: 500,
      filter,
    });
    out.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < 500) return out;
    cursor = last.position;
  }
};

/**
 * The behaviour every `EventStore` must have, as a jest suite. Each test works in streams of
 * its own, so the store may be shared with other data (a real server holds system events).
 */
export const describeEventStoreContract = (name: string, factory: () => Promise<ContractStore>): void => {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractStore;
    let store: EventStore;
    beforeAll(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterAll(async () => {
      await subject.teardown?.();
    });

    const unique = () => `c${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const stream = (scope: string, id = 'a') => `contract-${scope}.${id}`;
    const scopeFilter = (scope: string): EventFilter => ({
      kind: 'streamPrefix',
      prefixes: [`contract-${scope}.`],
    });
    const append = async (
      name: string,
      events: EventToAppend[],
      expectedRevision: 'any' | 'no_stream' | bigint,
    ) => {
      const result = await store.appendToStream(name, events, { expectedRevision });
      if (E.isLeft(result)) throw result.left;
      return result.right;
    };

    it('numbers a new stream from revision 0 and reads back type, data and metadata', async () => {
      const s = stream(unique());
      const first = contractEvent('Opened', { amount: 150, name: 'Ана' });
      const result = await append(s, [first, contractEvent('Noted', { n: 1 })], 'no_stream');
      expect(result.nextExpectedRevision).toBe(1n);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.revision, e.type])).toEqual([
        [0n, 'Opened'],
        [1n, 'Noted'],
      ]);
      expect(read[0]?.data).toEqual({ amount: 150, name: 'Ана' });
      expect(read[0]?.metadata).toEqual(first.metadata);
      expect(read[0]?.eventId).toBe(first.eventId);
      expect(read[1]?.position).toBe(result.position);
      expect((read[0]?.position ?? 0n) < (read[1]?.position ?? 0n)).toBe(true);
    });

    it('reads a stream that does not exist as no events', async () => {
      expect(await store.readStream(stream(unique()))).toEqual([]);
    });

    it('refuses no_stream on an existing stream with the actual revision', async () => {
      const s = stream(unique());
      await append(s, [contractEvent('A'), contractEvent('B')], 'no_stream');
      const result = await store.appendToStream(s, [contractEvent('C')], { expectedRevision: 'no_stream' });
      expect(E.isLeft(result)).toBe(true);
      const error = (result as E.Left<ConcurrencyError>).left;
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect([error.streamName, error.expected, error.actual]).toEqual([s, 'no_stream', 1n]);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('writes at the exact current revision and refuses a stale or future one', async () => {
      const s = stream(unique());
      await append(s, [contractEvent('A')], 'no_stream');
      expect((await append(s, [contractEvent('B')], 0n)).nextExpectedRevision).toBe(1n);
      const stale = await store.appendToStream(s, [contractEvent('C')], { expectedRevision: 0n });
      const future = await store.appendToStream(s, [contractEvent('C')], { expectedRevision: 5n });
      for (const r of [stale, future]) {
        expect(E.isLeft(r) && r.left.actual).toBe(1n);
      }
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('refuses stream_exists and exact revisions on a missing stream', async () => {
      const s = stream(unique());
      const exists = await store.appendToStream(s, [contractEvent('A')], {
        expectedRevision: 'stream_exists',
      });
      const exact = await store.appendToStream(s, [contractEvent('A')], { expectedRevision: 0n });
      expect(E.isLeft(exists) && exists.left.actual).toBe('no_stream');
      expect(E.isLeft(exact) && exact.left.actual).toBe('no_stream');
      expect(await store.readStream(s)).toEqual([]);
    });

    it('writes with any whatever the state, and with stream_exists once the stream exists', async () => {
      const s = stream(unique());
      await append(s, [contractEvent('A')], 'any');
      await append(s, [contractEvent('B')], 'any');
      const r = await store.appendToStream(s, [contractEvent('C')], { expectedRevision: 'stream_exists' });
      expect(E.isRight(r) && r.right.nextExpectedRevision).toBe(2n);
    });

    it('treats a re-append of the same event ids at the same expected revision as already done', async () => {
      const s = stream(unique());
      const batch = [contractEvent('A'), contractEvent('B')];
      const first = await append(s, batch, 'no_stream');
      const again = await append(s, batch, 'no_stream');
      expect(again).toEqual(first);
      const third = [contractEvent('C')];
      const t1 = await append(s, third, 1n);
      expect(await append(s, third, 1n)).toEqual(t1);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('reads forwards and backwards from a revision with a maximum count', async () => {
      const s = stream(unique());
      await append(
        s,
        ['A', 'B', 'C', 'D', 'E'].map((t) => contractEvent(t)),
        'no_stream',
      );
      const types = (events: readonly StoredEvent[]) => events.map((e) => e.type).join('');
      expect(types(await store.readStream(s, { fromRevision: 2n }))).toBe('CDE');
      expect(types(await store.readStream(s, { fromRevision: 1n, maxCount: 2 }))).toBe('BC');
      expect(types(await store.readStream(s, { direction: 'backwards' }))).toBe('EDCBA');
      expect(
        types(await store.readStream(s, { direction: 'backwards', fromRevision: 2n, maxCount: 2 })),
      ).toBe('CB');
      expect(types(await store.readStream(s, { direction: 'backwards', maxCount: 1 }))).toBe('E');
    });

    it('reads $all in commit order, after an exclusive position, in pages, filtered', async () => {
      const scope = unique();
      await append(stream(scope, 'x'), [contractEvent('X1'), contractEvent('X2')], 'no_stream');
      await append(stream(scope, 'y'), [contractEvent('Y1')], 'no_stream');
      await append(stream(scope, 'x'), [contractEvent('X3')], 1n);
      const all = await collectAll(store, scopeFilter(scope));
      expect(all.map((e) => e.type)).toEqual(['X1', 'X2', 'Y1', 'X3']);
      const after = await store.readAll({
        after: all[1]?.position ?? 0n,
        maxCount: 2,
        filter: scopeFilter(scope),
      });
      expect(after.map((e) => e.type)).toEqual(['Y1', 'X3']);
      const byType = await store.readAll({
        after: all[0]?.position ?? 0n,
        filter: { kind: 'eventType', prefixes: ['X3', 'Y1'] },
      });
      expect(byType.filter((e) => e.streamName.startsWith(`contract-${scope}.`)).map((e) => e.type)).toEqual([
        'Y1',
        'X3',
      ]);
      const head = await store.headPosition();
      expect(head !== undefined && head >= (all[3]?.position ?? 0n)).toBe(true);
    });

    it('subscribes from a position: catch-up, caught-up, then live events, each once and in order', async () => {
      const scope = unique();
      const s = stream(scope);
      await append(s, [contractEvent('E0'), contractEvent('E1'), contractEvent('E2')], 'no_stream');
      const start = (await store.readStream(s))[0]?.position;
      const seen: string[] = [];
      let caughtUpAfter = -1;
      const sub = store.subscribeToAll(
        { ...(start === undefined ? {} : { after: start }), filter: scopeFilter(scope) },
        {
          onEvent: (e) => {
            seen.push(e.type);
          },
          onCaughtUp: () => {
            caughtUpAfter = seen.length;
          },
        },
      );
      await waitFor(() => caughtUpAfter >= 0);
      await append(s, [contractEvent('E3')], 2n);
      await append(s, [contractEvent('E4'), contractEvent('E5')], 3n);
      await waitFor(() => seen.length >= 5);
      await sub.unsubscribe();
      await append(s, [contractEvent('E6')], 5n);
      await new Promise((r) => setTimeout(r, 50));
      expect(caughtUpAfter).toBe(2);
      expect(seen).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    });

    it('reports a failing handler and stops delivering', async () => {
      const scope = unique();
      await append(stream(scope), [contractEvent('A'), contractEvent('B')], 'no_stream');
      const seen: string[] = [];
      let failure: Error | undefined;
      const sub = store.subscribeToAll(
        { filter: scopeFilter(scope) },
        {
          onEvent: (e) => {
            seen.push(e.type);
            if (e.type === 'A') throw new Error('projection broke');
          },
          onError: (error) => {
            failure = error;
          },
        },
      );
      await waitFor(() => failure !== undefined);
      await sub.unsubscribe();
      expect(failure?.message).toContain('projection broke');
      expect(seen).toEqual(['A']);
    });

    it('never loses, repeats or reorders an event across random appends and subscriptions', async () => {
      const step = fc.oneof(
        fc.record({
          kind: fc.constant('append' as const),
          stream: fc.nat(3),
          count: fc.integer({ min: 1, max: 3 }),
        }),
        fc.record({ kind: fc.constant('subscribe' as const) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          const scope = unique();
          const filter = scopeFilter(scope);
          const subs: { after: Position | undefined; seen: StoredEvent[]; stop: () => Promise<void> }[] = [];
          const writes: Promise<unknown>[] = [];
          for (const st of steps) {
            if (st.kind === 'append') {
              const events = Array.from({ length: st.count }, () => contractEvent('P'));
              writes.push(append(stream(scope, String(st.stream)), events, 'any'));
            } else {
              const after = (await collectAll(store, filter)).at(-1)?.position;
              const seen: StoredEvent[] = [];
              const sub = store.subscribeToAll(
                { ...(after === undefined ? {} : { after }), filter },
                {
                  onEvent: async (e) => {
                    seen.push(e);
                    await Promise.resolve();
                  },
                },
              );
              subs.push({ after, seen, stop: sub.unsubscribe });
            }
          }
          await Promise.all(writes);
          const truth = await collectAll(store, filter);
          for (const sub of subs) {
            const expected = truth.filter((e) => sub.after === undefined || e.position > sub.after);
            await waitFor(() => sub.seen.length >= expected.length);
            await new Promise((r) => setTimeout(r, 2));
            await sub.stop();
            expect(sub.seen.map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
          }
        }),
        { numRuns: 25 },
      );
    });
  });
};
