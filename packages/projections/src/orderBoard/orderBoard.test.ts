import { describe, expect, it } from '@jest/globals';
import type { BoardInput } from './boardInput';
import { BoardFollowerDroppedError, orderBoard, type BoardChange } from './orderBoard';

const placed = (orderId: string, at = '2026-03-01T10:00:00.000Z', tenantId = 'shop1'): BoardInput => ({
  type: 'placed',
  tenantId,
  orderId,
  customerId: `c-${orderId}`,
  at,
  paymentMethod: 'deposit',
  note: 'table 4',
  money: 1250,
  points: 0,
  currency: 'PLN',
  lines: 2,
});
const step = (type: 'accepted' | 'paid', orderId: string): BoardInput => ({
  type,
  tenantId: 'shop1',
  orderId,
  at: '2026-03-01T10:05:00.000Z',
});

const take = async (feed: AsyncIterator<BoardChange>, n: number): Promise<BoardChange[]> => {
  const out: BoardChange[] = [];
  for (let i = 0; i < n; i++) {
    const next = await feed.next();
    if (next.done === true) break;
    out.push(next.value);
  }
  return out;
};

describe('operator order board', () => {
  it('groups open orders by state, oldest first, and drops closed ones', () => {
    const board = orderBoard();
    board.apply(placed('b', '2026-03-01T10:02:00.000Z'));
    board.apply(placed('a', '2026-03-01T10:01:00.000Z'));
    board.apply(placed('c'));
    board.apply(step('accepted', 'b'));
    board.apply(step('accepted', 'c'));
    board.apply(step('paid', 'c'));
    board.apply(placed('d'));
    board.apply({
      type: 'closed',
      tenantId: 'shop1',
      orderId: 'd',
      at: '2026-03-01T10:06:00.000Z',
      because: 'cancelled',
    });
    const open = board.openOrders('shop1');
    expect(open.placed.map((o) => o.orderId)).toEqual(['a']);
    expect(open.accepted.map((o) => o.orderId)).toEqual(['b']);
    expect(open.paid.map((o) => o.orderId)).toEqual(['c']);
    expect(board.openOrders('shop2')).toEqual({ placed: [], accepted: [], paid: [] });
  });

  it('counts delivered lines and follows a change of customer', () => {
    const board = orderBoard();
    board.apply(placed('a'));
    board.apply({ type: 'lineDelivered', tenantId: 'shop1', orderId: 'a', at: '2026-03-01T10:03:00.000Z' });
    board.apply({
      type: 'customerChanged',
      tenantId: 'shop1',
      orderId: 'a',
      at: '2026-03-01T10:04:00.000Z',
      customerId: 'c-z',
    });
    expect(board.openOrders('shop1').placed[0]).toMatchObject({ delivered: 1, customerId: 'c-z' });
  });

  it('delivers a new order to every follower of the tenant, and nothing of other tenants', async () => {
    const board = orderBoard();
    const screens = [board.follow('shop1'), board.follow('shop1'), board.follow('shop1')];
    const other = board.follow('shop2');
    board.apply(placed('x', '2026-03-01T10:00:00.000Z', 'shop2'));
    board.apply(placed('a'));
    board.apply(step('accepted', 'a'));
    for (const screen of screens) {
      const changes = await take(screen, 2);
      expect(
        changes.map((c) => (c.type === 'upsert' ? [c.order.orderId, c.order.state] : c.orderId)),
      ).toEqual([
        ['a', 'placed'],
        ['a', 'accepted'],
      ]);
    }
    expect((await take(other, 1))[0]).toMatchObject({ type: 'upsert', order: { orderId: 'x' } });
  });

  it('wakes a follower that is waiting when an order arrives', async () => {
    const board = orderBoard();
    const screen = board.follow('shop1');
    const waiting = screen.next();
    board.apply(placed('late'));
    expect(await waiting).toMatchObject({
      done: false,
      value: { type: 'upsert', order: { orderId: 'late' } },
    });
  });

  it('stops feeding a follower that left, and ends its iteration', async () => {
    const board = orderBoard();
    const screen = board.follow('shop1');
    const seen: string[] = [];
    const reading = (async () => {
      for await (const change of screen) if (change.type === 'upsert') seen.push(change.order.orderId);
    })();
    board.apply(placed('a'));
    await new Promise((resolve) => setImmediate(resolve));
    await screen.return?.();
    board.apply(placed('b'));
    await reading;
    expect(seen).toEqual(['a']);
  });

  it('drops a follower that falls too far behind, telling it to reload', async () => {
    const board = orderBoard();
    const slow = board.follow('shop1', { maxQueue: 2 });
    for (const id of ['a', 'b', 'c']) board.apply(placed(id));
    await expect(slow.next()).rejects.toBeInstanceOf(BoardFollowerDroppedError);
  });
});
