import { expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { parseLocation } from './location';

it('reads esdb:// and esdb+discover:// as EventStoreDB, - as stdin, a path as a JSONL file', () => {
  expect(parseLocation('esdb://localhost:2113?tls=false')).toEqual(
    E.right({ kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' }),
  );
  expect(parseLocation('esdb+discover://a,b')).toEqual(
    E.right({ kind: 'eventstoredb', connectionString: 'esdb+discover://a,b' }),
  );
  expect(parseLocation('-')).toEqual(E.right({ kind: 'stdin' }));
  expect(parseLocation('logs/events.jsonl')).toEqual(E.right({ kind: 'jsonl', path: 'logs/events.jsonl' }));
});

it('refuses another scheme instead of reading it as a file name', () => {
  const parsed = parseLocation('postgres://db/events');
  expect(E.isLeft(parsed) && parsed.left.code).toBe('location.unsupported');
});
