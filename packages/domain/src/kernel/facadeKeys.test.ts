import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { callerCommandId, checkCallerPrefix } from './facadeKeys';

describe('caller keys live in their own namespace', () => {
  it('no caller key equals an order or voucher step id, nor the step id of an accepted merge id', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (key, mergeId, step) => {
        const caller = callerCommandId(key);
        expect(caller.startsWith('order:') || caller.startsWith('voucher')).toBe(false);
        if (E.isRight(checkCallerPrefix('mergeId', mergeId))) expect(`${mergeId}:${step}`).not.toBe(caller);
      }),
    );
    expect(E.isLeft(checkCallerPrefix('mergeId', 'request'))).toBe(true);
  });

  it('refuses a merge id holding ":" or naming a reserved namespace', () => {
    for (const id of ['request', 'order', 'voucher', 'a:b', ''])
      expect(E.isLeft(checkCallerPrefix('mergeId', id)) && checkCallerPrefix('mergeId', id)).toMatchObject({
        left: { code: 'command.id_reserved', field: 'mergeId', value: id },
      });
    expect(checkCallerPrefix('mergeId', 'merge-1')).toEqual(E.right('merge-1'));
  });
});
