import { orderEvents, type OrderEvent } from '@tillstream/domain';
import type { Projection } from '../runner';
import { boardInputOf } from './boardInput';
import { orderBoard, type OrderBoard } from './orderBoard';

/** The board fed from order events by the runner (in memory: rebuilt on every start). */
export const orderBoardProjection = (): Projection<OrderBoard, OrderEvent> => ({
  name: 'order-board',
  version: 1,
  events: orderEvents,
  filter: { kind: 'streamPrefix', prefixes: ['order-'] },
  init: orderBoard,
  apply: (board, recorded) => {
    const input = boardInputOf(recorded);
    if (input !== undefined) board.apply(input);
    return board;
  },
});
