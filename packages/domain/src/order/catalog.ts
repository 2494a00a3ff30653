/** What a line sells: a plain product, a block of play time, or a bundle of other products. */
export type ProductKind = 'product' | 'time_package' | 'composite';

/** One product a bundle is made of. */
export interface BundleComponent {
  readonly productId: string;
  readonly quantity: number;
}

/** What the shop's catalogue says about one product: the only source of prices. */
export interface CatalogItem {
  readonly productId: string;
  readonly name: string;
  readonly kind: ProductKind;
  readonly category: string;
  /** Price of one unit, in minor units of the shop's currency. */
  readonly price: number;
  /** Points that pay for one unit; absent means the product cannot be paid with points. */
  readonly pointsPrice?: number;
  /** Whether customers may order it from their own screen (operators always may). */
  readonly customerOrderable: boolean;
  /** The products a composite is made of; absent for other kinds. */
  readonly components?: readonly BundleComponent[];
}

/** The catalogue port the embedding backend supplies; the library never stores prices itself. */
export interface Catalog {
  /** The item, or undefined if the shop does not sell it. */
  readonly find: (tenantId: string, productId: string) => Promise<CatalogItem | undefined>;
}

/** A catalogue held in memory, one list per tenant: for tests, the demo and small shops. */
export const inMemoryCatalog = (items: Readonly<Record<string, readonly CatalogItem[]>>): Catalog => ({
  find: async (tenantId, productId) => items[tenantId]?.find((item) => item.productId === productId),
});
