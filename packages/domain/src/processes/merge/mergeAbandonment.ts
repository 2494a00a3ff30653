import type { DecisionError } from '../../kernel/decider';
import { DomainError } from '../../kernel/errors';
import type { MergeAbandoned } from './mergeEvents';

// Details a refusal may carry that are never personal: ids, amounts, currencies and codes. Anything
// else (a refused phone or card, a typed value) stays out of the log.
const NON_PERSONAL = new Set([
  'customerId',
  'survivorId',
  'holderId',
  'mergeId',
  'orderId',
  'field',
  'sourceCurrency',
  'targetCurrency',
  'targetDebt',
  'debtMoved',
  'creditLimit',
]);

/**
 * What a merge records when it stops before its point of no return: the refusal's code, its other
 * blockers' codes and its non-personal details. Never the sentence: a refusal's message may quote
 * the value it refused (`customer.phone_taken` quotes the phone), and the merge stream is not sealed.
 */
export const abandonedStep = (why: DecisionError): MergeAbandoned => {
  const details: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(why.details))
    if (NON_PERSONAL.has(key) && (typeof value === 'string' || typeof value === 'number'))
      details[key] = value;
  const blockers = why.details['blockers'];
  const codes = Array.isArray(blockers)
    ? blockers.flatMap((b: unknown) => {
        const code = (b as { readonly code?: unknown } | null)?.code;
        return typeof code === 'string' && code !== why.code ? [code] : [];
      })
    : [];
  return {
    type: 'MergeAbandoned',
    data: { code: why.code, details, ...(codes.length === 0 ? {} : { alsoBlockedBy: codes }) },
  };
};

/** The refusal a resumed abandoned merge answers with, rebuilt from what was recorded. */
export const abandonedRefusal = (mergeId: string, abandoned: MergeAbandoned['data'] | undefined) =>
  new DomainError(
    abandoned?.code ?? 'merge.abandoned',
    `Merge ${mergeId} was abandoned (${abandoned?.code ?? 'no reason recorded'}); start a new merge once that is resolved.`,
    { mergeId, recorded: abandoned?.details ?? {} },
  );
