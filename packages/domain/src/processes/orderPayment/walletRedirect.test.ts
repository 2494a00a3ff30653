import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { handleCommand } from '../../kernel/handleCommand';
import { orderAggregate, orderStreamName } from '../../order/orderStream';
import { transferInFrom } from '../../wallet/decideTransfer';
import type { WalletCommand } from '../../wallet/walletCommands';
import { defaultWalletPolicy } from '../../wallet/walletPolicy';
import { handleWalletCommand } from '../../wallet/walletStream';
import { resumeOrder } from './orderPayment';
import { opMeta, orderWorld } from './testKit';

const right = <A>(either: E.Either<Error, A>): A => {
  if (E.isLeft(either)) throw either.left;
  return either.right;
};

const system = (commandId: string) => ({
  ...opMeta(commandId),
  actor: { role: 'system' as const, id: 'merge:m1' },
});

/** Alice's wallet merged into Bob's by the wallet's own transfer commands. */
const mergeWallets = async (w: ReturnType<typeof orderWorld>) => {
  const wallet = (command: WalletCommand) => handleWalletCommand(w.store, defaultWalletPolicy, command);
  const out = right(
    await wallet({
      type: 'TransferOut',
      data: { customerId: 'alice', mergeId: 'm1', toCustomerId: 'bob' },
      metadata: system('m1:wallet-out'),
    }),
  );
  right(
    await wallet({
      type: 'TransferIn',
      data: transferInFrom('alice', 'bob', 'm1', 'EUR', out.events),
      metadata: system('m1:wallet-in'),
    }),
  );
};

describe('a wallet step of an order whose wallet was merged away', () => {
  it('goes to the survivor under the same key instead of being refused', async () => {
    const w = orderWorld();
    await w.topUp(2000);
    await w.place([{ productId: 'play-3h', quantity: 1, payWith: 'money' }]);
    await w.send('AcceptOrder', {}, 'accept');
    right(await w.pay('deposit', 'pay-1'));
    // The void is written, then the till dies before giving the deposit back…
    right(
      await handleCommand(w.store, orderAggregate, orderStreamName('shop1', 'o1'), {
        type: 'VoidOrder',
        data: { orderId: 'o1', reason: 'broken console' },
        metadata: opMeta('void'),
      }),
    );
    // …and Alice's wallet is merged into Bob's before anyone resumes the order.
    await mergeWallets(w);
    const bobBefore = (await w.wallet('bob')).balance;
    right(await resumeOrder(w.deps, opMeta('resume'), 'o1'));
    expect((await w.wallet('bob')).balance - bobBefore).toBe(900);
    expect((await w.wallet('alice')).balance).toBe(0);
    // Resumed again, nothing moves twice.
    right(await resumeOrder(w.deps, opMeta('resume-2'), 'o1'));
    expect((await w.wallet('bob')).balance - bobBefore).toBe(900);
  });

  it('is still refused when a person addresses the merged-away wallet', async () => {
    const w = orderWorld();
    await w.topUp(500);
    await mergeWallets(w);
    const topUp = await handleWalletCommand(w.store, defaultWalletPolicy, {
      type: 'TopUp',
      data: { customerId: 'alice', amount: 100, currency: 'EUR', method: 'cash' },
      metadata: opMeta('late-top-up'),
    });
    expect(E.isLeft(topUp) && topUp.left.code).toBe('wallet.merged');
    expect(E.isLeft(topUp) && topUp.left.details).toMatchObject({ survivorCustomerId: 'bob' });
  });
});
