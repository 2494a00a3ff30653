import { customerChapter } from './customerChapter';
import { kernelChapter } from './kernelChapter';
import { mergeChapter } from './mergeChapter';
import { orderChapter } from './orderChapter';
import type { Print } from './output';
import { walletChapter } from './walletChapter';

/** The chapters of the demo story, in order; each context adds its own. */
const chapters: readonly ((print: Print) => Promise<void>)[] = [
  kernelChapter,
  customerChapter,
  walletChapter,
  orderChapter,
  mergeChapter,
];

/** Runs the whole demo story on the in-memory store, printing as it goes. */
export const runDemo = async (print: Print = (line) => console.log(line)): Promise<void> => {
  print('tillstream demo: customers, orders and wallets on the embedded in-memory event store');
  for (const chapter of chapters) await chapter(print);
  print('');
  print('Done.');
};
