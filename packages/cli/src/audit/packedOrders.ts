import type { Placed } from './auditPart';
import type { OrderStep, OrderSummary } from './orderLifecycle';

/**
 * A shard's orders as a worker posts them: every distinct text once, and the rest as numbers in one
 * buffer (moved to the receiving thread, not copied). Orders' steps were most of a part, and as JSON
 * their text took longer to write and read back than the rest of the part to replay.
 */
export interface PackedOrders {
  readonly strings: readonly string[];
  readonly numbers: Float64Array<ArrayBuffer>;
}

// Per order: line, tenant, order, customer, status, currency, steps; per step: at, actor, what, has amount, amount.
const ORDER = 7;
const STEP = 5;

/** Orders packed for a worker's message. */
export const packOrders = (orders: readonly Placed<OrderSummary>[]): PackedOrders => {
  let size = orders.length * ORDER;
  for (const { value } of orders) size += value.steps.length * STEP;
  const numbers = new Float64Array(size);
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const text = (s: string): number => {
    let index = indexes.get(s);
    if (index === undefined) {
      index = strings.push(s) - 1;
      indexes.set(s, index);
    }
    return index;
  };
  let at = 0;
  for (const { line, value } of orders) {
    numbers[at++] = line;
    numbers[at++] = text(value.tenantId);
    numbers[at++] = text(value.orderId);
    numbers[at++] = text(value.customerId);
    numbers[at++] = text(value.status);
    numbers[at++] = text(value.currency);
    numbers[at++] = value.steps.length;
    for (const step of value.steps) {
      numbers[at++] = text(step.at);
      numbers[at++] = text(step.actor);
      numbers[at++] = text(step.what);
      numbers[at++] = step.amount === undefined ? 0 : 1;
      numbers[at++] = step.amount ?? 0;
    }
  }
  return { strings, numbers };
};

/** The orders a packing holds, as the ledger gave them (a step without an amount has no `amount` key). */
export const unpackOrders = ({ strings, numbers }: PackedOrders): Placed<OrderSummary>[] => {
  const orders: Placed<OrderSummary>[] = [];
  const text = (at: number): string => strings[numbers[at]!]!;
  let at = 0;
  while (at < numbers.length) {
    const line = numbers[at]!;
    const count = numbers[at + 6]!;
    const steps: OrderStep[] = [];
    let s = at + ORDER;
    for (let i = 0; i < count; i++, s += STEP)
      steps.push(
        numbers[s + 3] === 1
          ? { at: text(s), actor: text(s + 1), what: text(s + 2), amount: numbers[s + 4]! }
          : { at: text(s), actor: text(s + 1), what: text(s + 2) },
      );
    orders.push({
      line,
      value: {
        tenantId: text(at + 1),
        orderId: text(at + 2),
        customerId: text(at + 3),
        status: text(at + 4),
        currency: text(at + 5),
        steps,
      },
    });
    at = s;
  }
  return orders;
};
