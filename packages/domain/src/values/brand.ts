declare const brand: unique symbol;

/** A primitive that a parser vouched for; the tag exists only for the type checker, so it costs nothing at run time. */
export type Brand<A, Tag extends string> = A & { readonly [brand]: Tag };
