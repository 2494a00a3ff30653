import type { CommandError } from '../../kernel/handleCommand';
import type { WalletStep } from './walletSteps';

/** How many merges a step may follow (A into B into C …) before it gives up. */
export const MAX_MERGE_HOPS = 16;

/** The survivor a wallet refusal names when the step's wallet was merged away, if that is the refusal. */
export const survivorOf = (error: CommandError): string | undefined => {
  if (error.kind !== 'domain' || error.code !== 'wallet.merged') return undefined;
  const survivor = error.details['survivorCustomerId'];
  return typeof survivor === 'string' ? survivor : undefined;
};

/** The same step (same idempotency key) addressed to another customer's wallet. */
export const readdressed = (step: WalletStep, customerId: string): WalletStep =>
  ({ ...step, data: { ...step.data, customerId } }) as WalletStep;
