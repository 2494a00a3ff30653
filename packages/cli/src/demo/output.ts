/** Where the demo writes: a function per line so tests can capture it. */
export type Print = (line: string) => void;

/** Prints a chapter heading. */
export const heading = (print: Print, title: string): void => {
  print('');
  print(`== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
};
