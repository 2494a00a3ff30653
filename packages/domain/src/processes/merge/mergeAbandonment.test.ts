import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../kernel/errors';
import { abandonedRefusal, abandonedStep } from './mergeAbandonment';
import { blockedBy } from './mergeProcess';

describe('an abandoned merge records', () => {
  it("the refusal's code and ids, never its sentence or the value it refused", () => {
    const refusal = new DomainError(
      'customer.phone_taken',
      'The phone number +79161234567 already belongs to customer c-7.',
      { field: 'phone', value: '+79161234567', holderId: 'c-7' },
    );
    const step = abandonedStep(refusal);
    expect(step).toEqual({
      type: 'MergeAbandoned',
      data: { code: 'customer.phone_taken', details: { field: 'phone', holderId: 'c-7' } },
    });
    expect(JSON.stringify(step)).not.toContain('9161234567');
  });

  it('the codes of every other blocker, and answers a resume with the first code', () => {
    const refusal = blockedBy([
      {
        code: 'merge.customer_busy',
        message: 'Customer a is in merge m0.',
        details: { customerId: 'a', mergeId: 'm0' },
      },
      {
        code: 'merge.currency_mismatch',
        message: 'EUR and PLN.',
        details: { sourceCurrency: 'EUR', targetCurrency: 'PLN' },
      },
    ]);
    const { data } = abandonedStep(refusal);
    expect(data).toEqual({
      code: 'merge.customer_busy',
      details: { customerId: 'a', mergeId: 'm0' },
      alsoBlockedBy: ['merge.currency_mismatch'],
    });
    expect(abandonedRefusal('m1', data)).toMatchObject({
      code: 'merge.customer_busy',
      details: { mergeId: 'm1', recorded: { customerId: 'a', mergeId: 'm0' } },
    });
  });
});
