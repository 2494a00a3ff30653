// Lists built at their exact length. A state or read model keeps its lists as long as it lives (an
// audit keeps every order's and wallet's last state): a spread (`[...list, item]`) or a `push` onto
// an empty list reserves room for about 16 more items, and `concat` costs several times either.

/** `list` with `item` after it, as a new list of exactly that length. */
export const appended = <T>(list: readonly T[], item: T): T[] => {
  const out = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i] as T;
  out[list.length] = item;
  return out;
};

/** `a` then `b` as one new list of exactly their length. */
export const joined = <T>(a: readonly T[], b: readonly T[]): T[] => {
  const out = new Array<T>(a.length + b.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] as T;
  for (let i = 0; i < b.length; i++) out[a.length + i] = b[i] as T;
  return out;
};
