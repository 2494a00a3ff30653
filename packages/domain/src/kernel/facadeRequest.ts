import * as E from 'fp-ts/Either';
import { ValidationError } from './errors';
import { parseTenantId } from './streamName';

/**
 * Checks a facade call's tenant and every id it names (absent optional ids are skipped) before any
 * stream name is built from them: a malformed tenant or an empty id is a refusal naming the field,
 * never a thrown `streamName` error. Answers the checked tenant id.
 */
export const checkRequest = (
  tenantId: unknown,
  ids: Readonly<Record<string, unknown>> = {},
): E.Either<ValidationError, string> => {
  // A JavaScript caller's missing tenant would otherwise pass the pattern as the text "undefined".
  if (typeof tenantId !== 'string')
    return E.left(
      new ValidationError('tenant.invalid', 'A tenant id must be given as text.', 'tenantId', tenantId),
    );
  const tenant = parseTenantId(tenantId);
  if (E.isLeft(tenant)) return tenant;
  for (const [field, id] of Object.entries(ids)) {
    if (id === undefined) continue;
    if (typeof id !== 'string' || id.length === 0)
      return E.left(
        new ValidationError('request.id_invalid', `The ${field} is missing: give a non-empty id.`, field, id),
      );
  }
  return tenant;
};
