import { defaultCustomerPolicy } from '@tillstream/domain';
import type { UniquenessRegistryOptions } from '@tillstream/projections';
import * as E from 'fp-ts/Either';

/**
 * The identifier rule's options from `--tenant-secret-env VAR`: the secret is read from the
 * environment, so it never shows in a process list or a shell history. One secret for every tenant
 * of the log (audit one tenant at a time with `--tenant` when they differ); the default customer
 * policy says which kinds are unique. Undefined without the flag: the rule is skipped.
 */
export const identifierCheck = (
  variable: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): E.Either<Error, UniquenessRegistryOptions | undefined> => {
  if (variable === undefined) return E.right(undefined);
  const secret = env[variable];
  if (secret === undefined || secret === '')
    return E.left(
      new Error(`--tenant-secret-env ${variable}: the environment variable ${variable} is not set.`),
    );
  return E.right({ secretFor: () => secret, policyFor: () => defaultCustomerPolicy });
};
