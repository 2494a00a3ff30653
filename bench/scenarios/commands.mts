import type { HandleCommandOptions, InMemoryEventStore } from '@tillstream/domain';
import { handleCommand, inMemoryEventStore, stateCache, streamName } from '@tillstream/domain';
import type { RegisterCustomer, WalletCommand } from '../deciders/tillstreamDeciders.mjs';
import { customerAggregate, walletAggregate } from '../deciders/tillstreamDeciders.mjs';
import { filledStore, longWalletTemplates, walletStream } from '../longStreams.mjs';
import type { CaseResult, Scenario } from '../harness.mjs';
import { find, measure, ratioTarget } from '../harness.mjs';
import {
  CUSTOMERS_PER_STORE,
  LONG_WALLETS,
  NOW,
  TENANT,
  WALLET_COMMANDS_PER_STORE,
  WALLETS,
  prefillStep,
  refillEvery,
  registration,
  walletStep,
} from '../workload.mjs';

const metadata = (commandId: string) => ({
  commandId,
  tenantId: TENANT,
  actor: { role: 'operator' as const, id: 'op-1' },
  now: NOW,
});

const succeeded = (result: { readonly _tag: string }, what: string) => {
  if (result._tag !== 'Right') throw new Error(`${what} was refused: ${JSON.stringify(result)}`);
};

/** Registers the n-th customer through `handleCommand`. */
export const registerOne = async (
  store: InMemoryEventStore,
  n: number,
  options?: HandleCommandOptions,
): Promise<void> => {
  const command: RegisterCustomer = {
    type: 'RegisterCustomer',
    data: registration(n),
    metadata: metadata(`reg-${n}`),
  };
  const stream = streamName('customer', TENANT, command.data.customerId);
  succeeded(await handleCommand(store, customerAggregate, stream, command, options), 'registration');
};

const walletCommand = async (
  store: InMemoryEventStore,
  w: number,
  step: ReturnType<typeof walletStep>,
  commandId: string,
  options?: HandleCommandOptions,
): Promise<void> => {
  const command: WalletCommand = {
    type: step.kind,
    data: { amount: step.amount },
    metadata: metadata(commandId),
  };
  succeeded(await handleCommand(store, walletAggregate, walletStream(w), command, options), 'wallet command');
};

/** Runs the n-th wallet command through `handleCommand`. */
export const walletOne = (store: InMemoryEventStore, n: number, options?: HandleCommandOptions) =>
  walletCommand(store, n % WALLETS, walletStep(n), `wal-${n}`, options);

/** Wallet templates of 50–200 events written by the bench decider. */
export const benchWalletTemplates = () =>
  longWalletTemplates((store, w, k) => walletCommand(store, w, prefillStep(k), `pre-${w}-${k}`));

/** Command handling on the kernel with the bench's registration and wallet deciders. */
export const commands: Scenario = {
  name: 'commands',
  title: 'Command handling through handleCommand (kernel, bench deciders)',
  needs: ['baseline'],
  run: async (mode, earlier) => {
    const cases: CaseResult[] = [];
    const templates = await benchWalletTemplates();
    for (const cached of [false, true]) {
      const suffix = cached ? ', state cache' : '';
      const options = (): HandleCommandOptions => (cached ? { cache: stateCache() } : {});
      let store = inMemoryEventStore();
      let handling = options();
      let n = 0;
      cases.push(
        await measure(
          mode,
          'commands',
          `register customer (bench decider${suffix})`,
          'cmd/s',
          async () => {
            if (n % CUSTOMERS_PER_STORE === 0) [store, handling] = [inMemoryEventStore(), options()];
            await registerOne(store, n++, handling);
          },
          { population: `≤ ${CUSTOMERS_PER_STORE} streams` },
        ),
      );
      n = 0;
      cases.push(
        await measure(
          mode,
          'commands',
          `wallet top-up / spend (bench decider${suffix})`,
          'cmd/s',
          async () => {
            if (n % WALLET_COMMANDS_PER_STORE === 0) [store, handling] = [inMemoryEventStore(), options()];
            await walletOne(store, n++, handling);
          },
          { population: `${WALLETS} wallets, 0–19 events each` },
        ),
      );
      const refill = refillEvery(async () => {
        [store, handling] = [await filledStore(templates), options()];
      });
      cases.push(
        await measure(
          mode,
          'commands',
          `wallet top-up / spend on 50–200-event streams (bench decider${suffix})`,
          'cmd/s',
          () => walletOne(store, refill.next(), handling),
          { population: LONG_WALLETS },
          refill.beforeEach,
        ),
      );
    }
    const registrationBaseline = find(earlier, 'baseline', 'read + append, new stream (registration-shaped)');
    const walletBaseline = find(earlier, 'baseline', 'read + append, wallet stream of ~10 events');
    const longBaseline = find(earlier, 'baseline', 'read + append, wallet stream of 50–200 events');
    return {
      cases,
      targets: cases.flatMap((c) =>
        ratioTarget(
          `${c.label}: keeps ≥ 25% of the raw read+append rate`,
          c,
          c.label.startsWith('register')
            ? registrationBaseline
            : c.label.includes('50–200')
              ? longBaseline
              : walletBaseline,
          0.25,
        ),
      ),
    };
  },
};
